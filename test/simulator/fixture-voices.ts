/**
 * The truth about the voices in the fixture recordings, for tests of listen mode and of known
 * voices: who speaks when in `conversation.wav` and `voices-meeting.wav` (both made by
 * scripts/make-fixtures.sh). A turn spans the sound above −40 dBFS, read from the files; listen
 * mode finds each one within 0.02 s.
 */

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The espeak-ng voices of the fixtures; `newcomer` speaks only in voices-meeting.wav. */
export type FixtureVoice = 'british-man' | 'american-woman' | 'scottish-man' | 'newcomer';

export type VoiceFixture = 'conversation.wav' | 'voices-meeting.wav';

export interface TruthTurn {
  /** The label listen mode gives this turn's speaker (speakers numbered by first appearance). */
  speaker: string;
  voice: FixtureVoice;
  /** Seconds. */
  start: number;
  end: number;
}

const TRUTH: Record<VoiceFixture, readonly TruthTurn[]> = {
  'conversation.wav': [
    { speaker: 'SPEAKER_00', voice: 'british-man', start: 0.015, end: 4.504 },
    { speaker: 'SPEAKER_01', voice: 'american-woman', start: 5.394, end: 9.686 },
    { speaker: 'SPEAKER_02', voice: 'scottish-man', start: 10.534, end: 13.772 },
  ],
  'voices-meeting.wav': [
    { speaker: 'SPEAKER_00', voice: 'scottish-man', start: 0.002, end: 5.235 },
    { speaker: 'SPEAKER_01', voice: 'british-man', start: 6.193, end: 11.593 },
    { speaker: 'SPEAKER_02', voice: 'newcomer', start: 12.514, end: 18.0 },
    { speaker: 'SPEAKER_03', voice: 'american-woman', start: 18.87, end: 23.589 },
  ],
};

/** Who speaks when in a fixture (a fresh copy). */
export function fixtureTurns(fixture: VoiceFixture): TruthTurn[] {
  return TRUTH[fixture].map((turn) => ({ ...turn }));
}

/** The absolute path of a file in test/fixtures. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

export function readFixture(name: string): Promise<Buffer> {
  return readFile(fixturePath(name));
}
