/** The banner says what the engine waits for in the page's language, and in English as the core does. */
import { describe, expect, it } from 'vitest';
import { describeWaits, type WaitInputs } from '../../../src/core/jobs/waits';
import { waitWords } from '../../../src/renderer/wait-words';
import type { JobRecord } from '../../../src/shared/jobs';
import { jobsT } from './jobs-i18n';

const now = 1_000_000;
const job = (name: string, state: JobRecord['state'] = 'waiting') =>
  ({ id: name, state, source: { name } }) as JobRecord;
const five = ['a.wav', 'b.wav', 'c.wav', 'd.wav', 'e.wav'].map((n) => job(n));

const INPUTS: WaitInputs[] = [
  { now, rateLimitedUntil: now + 52_000, jobs: five },
  { now, rateLimitedUntil: 0, api: { cause: 'offline', retryAt: now + 300_000 }, jobs: five },
  { now, rateLimitedUntil: 0, api: { cause: 'service', retryAt: undefined }, jobs: [] },
  { now, rateLimitedUntil: 0, api: { cause: 'offline', retryAt: now }, jobs: [job('x.wav')] },
  {
    now,
    rateLimitedUntil: 0,
    storage: { cause: 'offline', retryAt: now + 9_500 },
    jobs: five.slice(0, 2),
  },
  {
    now,
    rateLimitedUntil: 0,
    storage: { cause: 'refused', retryAt: undefined },
    jobs: five.slice(0, 4),
  },
];

describe('waitWords', () => {
  it('says in English exactly what the core says', () => {
    for (const input of INPUTS)
      for (const wait of describeWaits(input))
        expect(waitWords(jobsT('en'), wait, now)).toBe(wait.message);
  });

  it('says every wait in French, German and Spanish', () => {
    for (const language of ['fr', 'de', 'es'])
      for (const input of INPUTS)
        for (const wait of describeWaits(input))
          expect(waitWords(jobsT(language), wait, now), language).not.toBe(wait.message);
    const [storage] = describeWaits(INPUTS[5] as WaitInputs);
    expect(waitWords(jobsT('de'), storage!, now)).toBe(
      'Der Speicherdienst von pyannoteAI lehnt das Hochladen von a.wav, b.wav, c.wav und 1 weitere vorerst ab: neuer Versuch in Kürze.',
    );
    const [offline] = describeWaits(INPUTS[1] as WaitInputs);
    expect(waitWords(jobsT('es'), offline!, now)).toBe(
      'Sin conexión con pyannoteAI: nuevo intento en 5 min. En espera: a.wav, b.wav, c.wav y 2 más.',
    );
  });
});
