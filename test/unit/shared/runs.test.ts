import { describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { JobRecord } from '../../../src/shared/jobs';
import type { ResultSegment, SavedResult } from '../../../src/shared/result';
import {
  chosenRunOf,
  hiddenRuns,
  editsToCarry,
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

describe('corrections carried to another run', () => {
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
    expect(editsToCarry(from, to)).toEqual([
      { kind: 'merge', from: 'SPEAKER_02', into: 'SPEAKER_01' },
      { kind: 'merge', from: 'SPEAKER_00', into: 'SPEAKER_01' },
    ]);
  });

  it('leaves out a merge whose speakers are not both found, and edits past the cursor', () => {
    const to = result([
      ['SPEAKER_05', 0, 10],
      ['SPEAKER_06', 10, 20],
    ]);
    expect(editsToCarry(from, to)).toEqual([
      { kind: 'merge', from: 'SPEAKER_06', into: 'SPEAKER_05' },
    ]);
    expect(editsToCarry({ ...from, corrections: { ...from.corrections!, cursor: 0 } }, to)).toEqual(
      [],
    );
  });

  it('carries a move and a split to the matching turns of the other run, in order', () => {
    // Run A: three speakers; the person moved A's 20–25 s turn of SPEAKER_02 to SPEAKER_00 and
    // split SPEAKER_01's turn at 14 s. Run B cut the same speech into other turns and labels.
    const a = {
      ...result([
        ['SPEAKER_00', 0, 10],
        ['SPEAKER_01', 10, 20],
        ['SPEAKER_02', 20, 25],
        ['SPEAKER_02', 25, 30],
      ]),
      corrections: {
        edits: [
          {
            kind: 'move',
            turns: [{ speaker: 'SPEAKER_02', start: 20, end: 25 }],
            to: 'SPEAKER_00',
          },
          { kind: 'split', turn: { speaker: 'SPEAKER_01', start: 10, end: 20 }, at: 14 },
        ],
        cursor: 2,
      },
    } as SavedResult;
    const b = result([
      ['SPEAKER_02', 0, 10],
      ['SPEAKER_00', 10, 20],
      ['SPEAKER_01', 20, 23],
      ['SPEAKER_01', 23, 26],
      ['SPEAKER_01', 26, 30],
    ]);
    expect(editsToCarry(a, b)).toEqual([
      // 20–23 lies wholly inside the moved turn, 23–26 mostly (2 of 3 s); 26–30 not at all.
      {
        kind: 'move',
        turns: [
          { speaker: 'SPEAKER_01', start: 20, end: 23 },
          { speaker: 'SPEAKER_01', start: 23, end: 26 },
        ],
        to: 'SPEAKER_02',
      },
      { kind: 'split', turn: { speaker: 'SPEAKER_00', start: 10, end: 20 }, at: 14 },
    ]);
  });

  it('a move to a speaker pyannoteAI did not find makes a new speaker there, used again by later edits', () => {
    const a = {
      ...result([
        ['SPEAKER_00', 0, 10],
        ['SPEAKER_01', 10, 20],
      ]),
      corrections: {
        edits: [
          { kind: 'move', turns: [{ speaker: 'SPEAKER_00', start: 0, end: 10 }], to: 'SPEAKER_02' },
          { kind: 'split', turn: { speaker: 'SPEAKER_02', start: 0, end: 10 }, at: 4 },
        ],
        cursor: 2,
      },
    } as SavedResult;
    const b = result([
      ['SPEAKER_05', 0, 10],
      ['SPEAKER_07', 10, 20],
    ]);
    expect(editsToCarry(a, b)).toEqual([
      { kind: 'move', turns: [{ speaker: 'SPEAKER_05', start: 0, end: 10 }], to: 'SPEAKER_08' },
      { kind: 'split', turn: { speaker: 'SPEAKER_08', start: 0, end: 10 }, at: 4 },
    ]);
  });

  it('leaves out a split where the other run has no turn of that speaker, and a move with nothing to move', () => {
    const a = {
      ...result([
        ['SPEAKER_00', 0, 10],
        ['SPEAKER_01', 10, 20],
      ]),
      corrections: {
        edits: [
          { kind: 'split', turn: { speaker: 'SPEAKER_00', start: 0, end: 10 }, at: 9 },
          {
            kind: 'move',
            turns: [{ speaker: 'SPEAKER_01', start: 10, end: 11 }],
            to: 'SPEAKER_00',
          },
        ],
        cursor: 2,
      },
    } as SavedResult;
    const b = result([
      ['SPEAKER_00', 0, 8],
      ['SPEAKER_01', 8, 20],
    ]);
    expect(editsToCarry(a, b)).toEqual([]);
  });
});
