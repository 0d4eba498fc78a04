/**
 * A speaker's known-voice line in the result: "Remember this voice" only for a named speaker (and
 * why not otherwise), the steps with Cancel while it runs, a remembered voice said as such, and
 * what recognition found ("Recognised (92%)", "Check this match" with the runner-up).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SpeakersPanel, type SpeakerEntry } from '../../../src/renderer/result/SpeakersPanel';
import { VoicesStoreContext } from '../../../src/renderer/voices/use-voices';
import { VoicesStore, type VoicesBackend } from '../../../src/renderer/voices/voices-store';
import type { VoicesState } from '../../../src/shared/ipc-contract';
import type { SpeakerMatch, VoiceView } from '../../../src/shared/voices';
import './jobs-i18n';

const anna: VoiceView = {
  id: 'voice-aaaaaaaa',
  name: 'Anna',
  fromRecording: 'earlier.wav',
  fromSpeaker: 'SPEAKER_00',
  fromJobId: 'job-old',
  createdAt: '2026-12-01T09:00:00.000Z',
  clipSeconds: 20,
  model: 'precision-2',
};
const ben: VoiceView = { ...anna, id: 'voice-bbbbbbbb', name: 'Ben', fromJobId: 'job-1' };

const entry = (label: string, name: string, seconds = 30): SpeakerEntry => ({
  summary: { label, totalSeconds: seconds, turnCount: 4 },
  name,
  colour: '#123456',
});

async function render(options: {
  state?: Partial<VoicesState>;
  speakers: SpeakerEntry[];
  matches?: SpeakerMatch[];
  running?: boolean;
}): Promise<string> {
  const state: VoicesState = { voices: [anna, ben], storage: { ok: true }, ...options.state };
  const backend: VoicesBackend = {
    list: async () => state,
    consent: async () => state,
    remember: () => new Promise(() => undefined),
    cancelRemember: async () => true,
    rename: async () => anna,
    remove: async () => true,
    removeAll: async () => 0,
  };
  const store = new VoicesStore(backend);
  await store.load();
  if (options.running) {
    void store.remember('job-1', 'SPEAKER_01', 'Carla');
    store.progress('job-1', 'SPEAKER_01', 'printing');
  }
  return renderToStaticMarkup(
    createElement(
      VoicesStoreContext.Provider,
      { value: store },
      createElement(SpeakersPanel, {
        jobId: 'job-1',
        speakers: options.speakers,
        matches: options.matches,
        onRename: () => undefined,
        onMerge: () => undefined,
      }),
    ),
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const button = (html: string, label: string) =>
  new RegExp(`<button[^>]*aria-label="${label}"[^>]*>`).exec(html)?.[0];

describe('a speaker\u2019s voice in the result', () => {
  it('offers Remember this voice to a named speaker only, saying why not', async () => {
    const html = await render({
      speakers: [entry('SPEAKER_02', 'Speaker 3'), entry('SPEAKER_03', 'Dora')],
    });
    expect(button(html, 'Remember this voice: Speaker 3')).toMatch(/disabled/);
    expect(text(html)).toContain('Name the speaker first');
    expect(button(html, 'Remember this voice: Dora')).not.toMatch(/disabled/);
  });

  it('refuses a speaker with too little speech, and a computer that cannot keep voices', async () => {
    const short = await render({ speakers: [entry('SPEAKER_03', 'Dora', 2)] });
    expect(button(short, 'Remember this voice: Dora')).toMatch(/disabled/);
    expect(text(short)).toContain('Too little speech: at least 3 s alone are needed');
    const off = await render({
      state: { storage: { ok: false, reason: 'No keyring.', reasonKey: 'linuxNoKeyring' } },
      speakers: [entry('SPEAKER_03', 'Dora')],
    });
    expect(button(off, 'Remember this voice: Dora')).toMatch(/disabled/);
    expect(text(off)).toContain('Voices cannot be kept on this computer (see the Voices page).');
  });

  it('shows the step under way with Cancel, and a voice already remembered', async () => {
    const html = await render({
      speakers: [entry('SPEAKER_00', 'Ben'), entry('SPEAKER_01', 'Carla')],
      running: true,
    });
    // SPEAKER_00 of job-1 is where Ben's voice was taken from.
    expect(text(html)).toContain('Known voice: remembered as Ben');
    expect(button(html, 'Remember this voice: Ben')).toBeUndefined();
    expect(text(html)).toContain('Making the voiceprint…');
    expect(button(html, 'Cancel remembering the voice of Carla')).toBeDefined();
    expect(button(html, 'Remember this voice: Carla')).toBeUndefined();
  });

  it('says what recognition found, and flags the matches to check', async () => {
    const html = await render({
      speakers: [
        entry('SPEAKER_00', 'Anna'),
        entry('SPEAKER_01', 'Ben'),
        entry('SPEAKER_02', 'Speaker 3'),
      ],
      matches: [
        { speaker: 'SPEAKER_00', voiceId: anna.id, name: 'Anna', confidence: 92 },
        {
          speaker: 'SPEAKER_01',
          voiceId: ben.id,
          name: 'Ben',
          confidence: 70,
          review: 'ambiguous',
          runnerUp: { voiceId: anna.id, confidence: 64 },
        },
        { speaker: 'SPEAKER_02', voiceId: null },
      ],
    });
    expect(text(html)).toContain('Recognised (92%)');
    expect(text(html)).toContain('Check this match 70%, but it could also be Anna (64%).');
    expect(text(html).match(/Recognised|Check this match/g)).toHaveLength(2);
    // Recognised as a voice in the library: nothing to remember; a speaker nobody matched can be.
    expect(button(html, 'Remember this voice: Anna')).toBeUndefined();
    expect(button(html, 'Remember this voice: Speaker 3')).toBeDefined();
  });
});
