/**
 * "Recognise known voices" in the engine: the voices an identification job sends, read from the
 * library at the moment it is sent (voices deleted since the batch started are left out), and the
 * names its result gives the matched speakers. Only voice ids ever reach pyannoteAI.
 */

import type { JobRecord } from '../../shared/jobs';
import { DiaristError, isDiaristError } from '../errors';
import type { VoiceprintLookup } from './context';

export interface ChosenVoice {
  id: string;
  name: string;
  voiceprint: string;
}

export type VoicesToSend = { ok: true; voices: ChosenVoice[] } | { ok: false; error: DiaristError };

/**
 * The chosen voices still in the library, in the order chosen. A job whose voices are all gone,
 * or that runs where there is no library, is refused in plain words: nothing is sent.
 */
export async function voicesToSend(
  lookup: VoiceprintLookup | undefined,
  ids: readonly string[],
): Promise<VoicesToSend> {
  if (!lookup) {
    return {
      ok: false,
      error: new DiaristError(
        'invalid-request',
        'Known voices are not available here, so this recording was not sent. Run it again without recognising known voices.',
        { detail: 'no voiceprint lookup given to the engine', key: 'voices.recogniseUnavailable' },
      ),
    };
  }
  let found: ChosenVoice[];
  try {
    found = await lookup(ids);
  } catch (error) {
    const info = isDiaristError(error) ? error.toInfo() : undefined;
    return {
      ok: false,
      error:
        info?.key !== undefined
          ? // The library's own words (no secure storage here, say), as a refusal of this job.
            new DiaristError('invalid-request', info.message, {
              ...(info.detail ? { detail: info.detail } : {}),
              key: info.key,
              ...(info.params ? { params: info.params } : {}),
            })
          : new DiaristError(
              'invalid-request',
              'Diarist could not read the known voices on this computer, so this recording was not sent. Try again; if it keeps happening, copy the details for support.',
              {
                detail: `voice lookup failed: ${error instanceof Error ? error.name : typeof error}`,
                key: 'voices.recogniseUnreadable',
              },
            ),
    };
  }
  // Only the voices asked for, once each, in the order chosen, whatever the lookup answered.
  const byId = new Map(found.map((voice) => [voice.id, voice]));
  const voices = [...new Set(ids)].flatMap((id) => {
    const voice = byId.get(id);
    return voice ? [{ id, name: voice.name, voiceprint: voice.voiceprint }] : [];
  });
  if (voices.length === 0) {
    return {
      ok: false,
      error: new DiaristError(
        'invalid-request',
        'The voices chosen for this recording were deleted. Choose other voices and try again.',
        {
          detail: `none of ${ids.length} chosen voices is in the library`,
          key: 'voices.recogniseDeleted',
        },
      ),
    };
  }
  return { ok: true, voices };
}

/**
 * The names a result gives its matched voices: the library's names now (a voice renamed while
 * the job ran gets its new name), else the names the job was sent with (a voice deleted
 * meanwhile keeps the name it had). Reading the library never stops a result from being saved.
 */
export async function voiceNamesForResult(
  lookup: VoiceprintLookup | undefined,
  job: Pick<JobRecord, 'recognisedVoices' | 'options'>,
): Promise<Map<string, string>> {
  const names = new Map((job.recognisedVoices ?? []).map((voice) => [voice.id, voice.name]));
  const ids = job.recognisedVoices?.map((voice) => voice.id) ?? job.options.recognise?.voiceIds;
  if (!lookup || !ids || ids.length === 0) return names;
  try {
    for (const voice of await lookup(ids)) if (voice.name) names.set(voice.id, voice.name);
  } catch {
    // The names the job was sent with stand.
  }
  return names;
}
