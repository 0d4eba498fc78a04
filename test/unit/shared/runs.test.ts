import { describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { JobRecord } from '../../../src/shared/jobs';
import type { ResultSegment, SavedResult } from '../../../src/shared/result';
import {
  chosenRunOf,
  hiddenRuns,
  mergesToCarry,
  namesToCarry,
  runGroupOf,
  runsOf,
} from '../../../src/shared/runs';

type Run = Pick<JobRecord, 'id' | 'runOf' | 'chosenRun' | 'state' | 'createdAt'>;
const run = (id: string, extra: Partial<Run> = {}): Run => ({
  id,
  state: 'succeeded',
  createdAt: `2026-01-01T00:00:0${id.length}Z`,
  ...extra,
});

function result(segments: [string, number, number][], names: Record<string, string> = {}) {
  const list: ResultSegment[] = segments.map(([speaker, start, end]) => ({ speaker, start, end }));
  const labels = [...new Set(list.map((s) => s.speaker))].sort();
  return {
    formatVersion: 1,
    jobId: 'j',
    serviceJobId: 's',
    source: { name: 'a.wav', sizeBytes: 1 },
    options: DEFAULT_DIARIZE_OPTIONS,
    savedAt: '2026-01-01T00:00:00Z',
    segments: list,
    speakers: labels.map((label) => ({ label, seconds: 1, turns: 1, share: 0.5 })),
    speakerNames: names,
  } as unknown as SavedResult;
}

describe('the runs of a recording', () => {
  const first = run('a');
  const second = run('bb', { runOf: 'a' });
  const busy = run('ccc', { runOf: 'a', state: 'processing' });
  const alone = run('dddd');

  it('groups runs by the first run and lists them oldest first', () => {
    expect(runGroupOf(second)).toBe('a');
    expect(runsOf([busy, alone, second, first], second).map((r) => r.id)).toEqual([
      'a',
      'bb',
      'ccc',
    ]);
    expect(runsOf([first, alone], alone)).toEqual([alone]);
  });

  it('the first run is the result until another is chosen', () => {
    expect(chosenRunOf([first, second], second)?.id).toBe('a');
    const chose = { ...first, chosenRun: 'bb' };
    expect(chosenRunOf([chose, second], chose)?.id).toBe('bb');
    // A chosen run that was removed: the first run again.
    expect(chosenRunOf([chose], chose)?.id).toBe('a');
  });

  it('the job list leaves out finished runs that are not the result; runs under way stay', () => {
    expect([...hiddenRuns([first, second, busy, alone])]).toEqual(['bb']);
    const chose = { ...first, chosenRun: 'bb' };
    expect([...hiddenRuns([chose, second, busy, alone])]).toEqual(['a']);
    // The first run removed: what is left is shown.
    expect([...hiddenRuns([second, busy])]).toEqual([]);
  });
});

describe('names carried to another run', () => {
  it('names the matched speakers, keeps names already given, leaves unmatched ones', () => {
    const from = result(
      [
        ['SPEAKER_00', 0, 10],
        ['SPEAKER_01', 10, 20],
        ['SPEAKER_02', 20, 21],
      ],
      { SPEAKER_00: 'Ada', SPEAKER_01: 'Bo', SPEAKER_02: 'Cy' },
    );
    const to = result(
      [
        ['SPEAKER_01', 0, 9],
        ['SPEAKER_00', 9, 21],
      ],
      {},
    );
    // B's SPEAKER_00 shares 10 s with Bo and 1 s with Cy: Bo. Ada goes to B's SPEAKER_01.
    expect(namesToCarry(from, to)).toEqual({ SPEAKER_01: 'Ada', SPEAKER_00: 'Bo' });
    expect(namesToCarry(from, { ...to, speakerNames: { SPEAKER_00: 'Mine' } })).toEqual({
      SPEAKER_01: 'Ada',
    });
    expect(namesToCarry(result([['SPEAKER_00', 0, 5]]), to)).toEqual({});
  });

  it('follows the corrections in force: a merged speaker is matched as the one it joined', () => {
    const from = {
      ...result(
        [
          ['SPEAKER_00', 0, 10],
          ['SPEAKER_01', 10, 20],
        ],
        { SPEAKER_00: 'Ada' },
      ),
      corrections: {
        edits: [{ kind: 'merge', from: 'SPEAKER_01', into: 'SPEAKER_00' }],
        cursor: 1,
      },
    } as SavedResult;
    const to = result([['SPEAKER_03', 0, 20]]);
    expect(namesToCarry(from, to)).toEqual({ SPEAKER_03: 'Ada' });
  });
});

describe('merges carried to another run', () => {
  const from = {
    ...result([
      ['SPEAKER_00', 0, 10],
      ['SPEAKER_01', 10, 20],
      ['SPEAKER_02', 20, 30],
    ]),
    corrections: {
      edits: [
        { kind: 'merge', from: 'SPEAKER_02', into: 'SPEAKER_00' },
        { kind: 'merge', from: 'SPEAKER_01', into: 'SPEAKER_00' },
        { kind: 'split', turn: { speaker: 'SPEAKER_00', start: 0, end: 10 }, at: 5 },
      ],
      cursor: 2,
    },
  } as SavedResult;

  it('says each merge in the other run’s labels, matched on pyannoteAI’s speakers', () => {
    const to = result([
      ['SPEAKER_01', 0, 10],
      ['SPEAKER_00', 10, 20],
      ['SPEAKER_02', 20, 30],
    ]);
    expect(mergesToCarry(from, to)).toEqual([
      { kind: 'merge', from: 'SPEAKER_02', into: 'SPEAKER_01' },
      { kind: 'merge', from: 'SPEAKER_00', into: 'SPEAKER_01' },
    ]);
  });

  it('leaves out a merge whose speakers are not both found, and edits past the cursor', () => {
    const to = result([
      ['SPEAKER_05', 0, 10],
      ['SPEAKER_06', 10, 20],
    ]);
    expect(mergesToCarry(from, to)).toEqual([
      { kind: 'merge', from: 'SPEAKER_06', into: 'SPEAKER_05' },
    ]);
    expect(
      mergesToCarry({ ...from, corrections: { ...from.corrections!, cursor: 0 } }, to),
    ).toEqual([]);
  });
});
