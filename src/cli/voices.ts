/**
 * `diarize voices …`: the command line's voice library (add from a saved result, list, remove),
 * and turning `--recognise` / `--voices` into the batch's recognition option. The library is
 * the core's, encrypted with a key derived from PYANNOTE_API_KEY (apiKeySecretBox).
 */

import { join } from 'node:path';
import type { CliRequest, VoicesRequest } from './args';
import type { CliIo } from './run';
import type { JobRecord } from '../shared/jobs';
import { defaultSpeakerName, speakerName } from '../shared/result';
import { chosenRunOf } from '../shared/runs';
import type { RecognitionOptions, RememberPhase, VoiceView } from '../shared/voices';
import { MAX_VOICES_PER_RECOGNITION } from '../shared/voices';
import { toErrorInfo } from '../core/errors';
import type { JobEngine } from '../core/jobs/engine';
import type { PyannoteClient } from '../core/pyannote/client';
import type { Uploader } from '../core/upload/uploader';
import { VoiceLibrary, VOICE_LIBRARY_FILE } from '../core/voices/library';
import { apiKeySecretBox } from '../core/voices/aes-box';
import { rememberVoice } from '../core/voices/remember';
import type { Logger } from '../core/logging/logger';

/** What a voiceprint is and whose voices may be saved: said before the first one. */
export const CONSENT_TEXT =
  'A voiceprint is a numeric description of how someone’s voice sounds; Diarist keeps it encrypted on this computer and sends it to pyannoteAI only to recognise that person in recordings you choose. Save only voices of people who agreed to it: run again with --agree to confirm that they did.';

const PHASE_WORDS: Record<RememberPhase, string> = {
  cutting: 'Cutting a clip on this computer…',
  uploading: 'Sending the clip…',
  printing: 'Making the voiceprint…',
  saving: 'Saving…',
};

export function openVoiceLibrary(
  dataDir: string,
  apiKey: string,
  logger: Logger,
): Promise<VoiceLibrary> {
  return VoiceLibrary.open({
    file: join(dataDir, VOICE_LIBRARY_FILE),
    box: apiKeySecretBox(() => apiKey),
    logger,
  });
}

/** A voice named by its id or its name (any case); undefined when none or several match. */
function findVoice(
  voices: readonly VoiceView[],
  wanted: string,
): VoiceView | VoiceView[] | undefined {
  const byId = voices.find((voice) => voice.id === wanted);
  if (byId) return byId;
  const named = voices.filter((voice) => voice.name.toLowerCase() === wanted.toLowerCase());
  return named.length === 1 ? named[0] : named.length > 1 ? named : undefined;
}

/** The batch's recognition option from `--recognise` / `--voices`, or the words for why not. */
export async function recognitionFor(
  request: CliRequest,
  library: VoiceLibrary,
): Promise<{ ok: true; recognise?: RecognitionOptions } | { ok: false; message: string }> {
  if (!request.recognise) return { ok: true };
  const voices = await library.list();
  if (voices.length === 0)
    return {
      ok: false,
      message:
        'No voices are saved yet. Save one from a recording’s result with `diarize voices add FILE --speaker SPEAKER_01 --name NAME`.',
    };
  const chosen: VoiceView[] = [];
  for (const wanted of request.recognise.voices ?? []) {
    const found = findVoice(voices, wanted);
    if (!found)
      return {
        ok: false,
        message: `No saved voice is called "${wanted}"; \`diarize voices list\` shows them.`,
      };
    if (Array.isArray(found))
      return {
        ok: false,
        message: `${found.length} saved voices are called "${wanted}"; name one by its id (\`diarize voices list\`).`,
      };
    if (!chosen.includes(found)) chosen.push(found);
  }
  const ids = (chosen.length > 0 ? chosen : voices).map((voice) => voice.id);
  if (ids.length > MAX_VOICES_PER_RECOGNITION)
    return {
      ok: false,
      message: `${ids.length} voices are saved, and pyannoteAI looks for at most ${MAX_VOICES_PER_RECOGNITION} at once: choose them with --voices.`,
    };
  return { ok: true, recognise: { voiceIds: ids, match: request.recognise.match } };
}

export interface VoicesDeps {
  library: VoiceLibrary;
  logger: Logger;
  /** Opened for `voices add` only (it needs the recording's saved result). */
  openEngine: () => Promise<JobEngine>;
  client: PyannoteClient;
  uploader: Uploader;
}

const write = (stream: NodeJS.WritableStream, text: string) => stream.write(`${text}\n`);

export async function runVoices(
  request: VoicesRequest,
  io: CliIo,
  deps: VoicesDeps,
): Promise<number> {
  const { library } = deps;
  try {
    if (request.action === 'list') {
      const voices = await library.list();
      if (request.json) write(io.stdout, JSON.stringify(voices, null, 2));
      else if (voices.length === 0) write(io.stderr, 'No voices are saved yet.');
      else
        for (const voice of voices)
          write(
            io.stdout,
            `${voice.id}  ${voice.name}  (from ${voice.fromRecording}, ${defaultSpeakerName(voice.fromSpeaker)}, ${voice.createdAt.slice(0, 10)}, ${voice.clipSeconds.toFixed(1)} s)`,
          );
      return 0;
    }
    if (request.action === 'remove') {
      if (request.all) {
        const count = await library.removeAll();
        write(io.stderr, count === 1 ? '1 voice deleted.' : `${count} voices deleted.`);
        return 0;
      }
      const found = findVoice(await library.list(), request.target ?? '');
      if (!found || Array.isArray(found)) {
        write(
          io.stderr,
          `diarize: ${found ? `${found.length} saved voices are called "${request.target}"; name one by its id` : `no saved voice is called "${request.target}"`} (\`diarize voices list\` shows them).`,
        );
        return 2;
      }
      await library.remove(found.id);
      write(io.stderr, `${found.name}’s voice deleted.`);
      return 0;
    }
    return await addVoice(request, io, deps);
  } catch (error) {
    write(io.stderr, `diarize: ${toErrorInfo(error).message}`);
    return 1;
  }
}

/** The recording's result: the chosen run of its newest job with one. */
function jobWithResult(engine: JobEngine, file: string): JobRecord | undefined {
  const jobs = engine.list();
  const last = jobs.filter((job) => job.source.path === file && job.state === 'succeeded').at(-1);
  const chosen = last ? chosenRunOf(jobs, last) : undefined;
  return chosen?.state === 'succeeded' ? chosen : last;
}

async function addVoice(
  request: Extract<VoicesRequest, { action: 'add' }>,
  io: CliIo,
  deps: VoicesDeps,
): Promise<number> {
  const { library } = deps;
  const state = await library.state();
  if (!state.consentedAt) {
    if (!request.agree) {
      write(io.stderr, `diarize: ${CONSENT_TEXT}`);
      return 2;
    }
    await library.consent();
  }
  const engine = await deps.openEngine();
  try {
    const job = jobWithResult(engine, request.file);
    const result = job ? await engine.getResult(job.id) : undefined;
    if (!job || !result) {
      write(
        io.stderr,
        `diarize: ${request.file} has no saved result in this data folder. Run \`diarize ${request.file}\` first, then save a voice from its result.`,
      );
      return 2;
    }
    // A speaker by its label (SPEAKER_01), its number ("Speaker 2") or the name given to it.
    const wanted = request.speaker.trim().toLowerCase();
    const speaker = result.speakers.find(
      (s) =>
        s.label.toLowerCase() === wanted ||
        defaultSpeakerName(s.label).toLowerCase() === wanted ||
        speakerName(result, s.label).toLowerCase() === wanted,
    );
    if (!speaker) {
      const names = result.speakers.map((s) => `${s.label} (${speakerName(result, s.label)})`);
      write(
        io.stderr,
        `diarize: no speaker "${request.speaker}" in that result; it has ${names.join(', ')}.`,
      );
      return 2;
    }
    const voice = await rememberVoice(
      {
        dataDir: request.dataDir,
        client: deps.client,
        uploader: deps.uploader,
        library,
        job: (id) => engine.get(id),
        result: (id) => engine.getResult(id),
        logger: deps.logger,
      },
      {
        jobId: job.id,
        speaker: speaker.label,
        name: request.name,
        ...(io.signal ? { signal: io.signal } : {}),
        onProgress: (phase) => write(io.stderr, PHASE_WORDS[phase]),
      },
    );
    if (request.json) write(io.stdout, JSON.stringify(voice, null, 2));
    write(
      io.stderr,
      `${voice.name}’s voice is saved (${voice.clipSeconds.toFixed(1)} s of ${defaultSpeakerName(voice.fromSpeaker)} in ${voice.fromRecording}). Add --recognise to a batch to name this person.`,
    );
    return 0;
  } finally {
    await engine.close();
  }
}
