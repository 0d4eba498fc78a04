/**
 * A person's corrections to a result, kept as a log of edits beside pyannoteAI's result, which is
 * never changed: the corrected version is always worked out again from the original and the
 * edits. Undo and redo move a cursor over the log, and "Revert to pyannoteAI's result" empties it.
 *
 * Turns are named by what they were when the edit was made (speaker, start, end), never by their
 * place in a list, so an edit means the same thing however the lists are sorted or grown.
 */

import type { ResultSegment, SavedResult, SpeakerSummary, TranscribedSegment } from './result';

/** A turn as it was when the edit was made. */
export interface TurnRef {
  speaker: string;
  start: number;
  end: number;
}

export type CorrectionEdit =
  /** "`from` is the same person as `into`": every turn of `from` becomes `into`'s. */
  | { kind: 'merge'; from: string; into: string }
  /** These turns were spoken by `to` (which may be a speaker pyannoteAI did not find). */
  | { kind: 'move'; turns: TurnRef[]; to: string }
  /** The turn is two turns, the second starting at `at` seconds. */
  | { kind: 'split'; turn: TurnRef; at: number };

/** The edits in the order they were made; the first `cursor` of them are in force, the rest can be redone. */
export interface CorrectionLog {
  edits: CorrectionEdit[];
  cursor: number;
}

export const EMPTY_LOG: CorrectionLog = Object.freeze({ edits: [], cursor: 0 }) as CorrectionLog;

/** Most edits a log keeps; far beyond what anyone makes by hand on one recording. */
export const MAX_EDITS = 5_000;
/** Most turns one move may name (a selection of turns). */
export const MAX_TURNS_PER_MOVE = 10_000;

export interface CorrectionMark {
  /** A person changed this turn (its speaker, or its start or end). */
  corrected: boolean;
  /** The edits (their places in the log) that changed it, oldest first. */
  correctedBy: number[];
}

export type CorrectedSegment = ResultSegment & CorrectionMark;
export type CorrectedTranscribed = TranscribedSegment & CorrectionMark;

/** A saved result with its corrections applied: what the view and every export show. */
export type CorrectedResult = Omit<
  SavedResult,
  'segments' | 'exclusiveSegments' | 'transcription'
> & {
  segments: CorrectedSegment[];
  exclusiveSegments?: CorrectedSegment[];
  transcription?: { turns: CorrectedTranscribed[]; words: CorrectedTranscribed[] };
  /** How many edits are in force. */
  editCount: number;
  /** Edits in force that found nothing to change (their places in the log). */
  skipped: number[];
};

// ---------------------------------------------------------------------------------------------
// The log: add, undo, redo, revert

export function activeEdits(log: CorrectionLog | undefined): CorrectionEdit[] {
  if (!log) return [];
  return log.edits.slice(0, clampCursor(log));
}

function clampCursor(log: CorrectionLog): number {
  return Math.max(0, Math.min(log.edits.length, Math.trunc(log.cursor)));
}

/** A new edit after an undo drops what could have been redone. */
export function addEdit(log: CorrectionLog | undefined, edit: CorrectionEdit): CorrectionLog {
  const kept = activeEdits(log);
  return { edits: [...kept, copyEdit(edit)], cursor: kept.length + 1 };
}

const copyRef = (ref: TurnRef): TurnRef => ({
  speaker: ref.speaker,
  start: ref.start,
  end: ref.end,
});

/** Field by field, so a turn handed in with more on it (its confidence, its text) is kept as a reference only. */
function copyEdit(edit: CorrectionEdit): CorrectionEdit {
  switch (edit.kind) {
    case 'merge':
      return { kind: 'merge', from: edit.from, into: edit.into };
    case 'move':
      return { kind: 'move', turns: edit.turns.map(copyRef), to: edit.to };
    case 'split':
      return { kind: 'split', turn: copyRef(edit.turn), at: edit.at };
  }
}

export function canUndo(log: CorrectionLog | undefined): boolean {
  return log !== undefined && clampCursor(log) > 0;
}

export function canRedo(log: CorrectionLog | undefined): boolean {
  return log !== undefined && clampCursor(log) < log.edits.length;
}

export function undo(log: CorrectionLog | undefined): CorrectionLog {
  if (!log) return EMPTY_LOG;
  return { edits: log.edits, cursor: Math.max(0, clampCursor(log) - 1) };
}

export function redo(log: CorrectionLog | undefined): CorrectionLog {
  if (!log) return EMPTY_LOG;
  return { edits: log.edits, cursor: Math.min(log.edits.length, clampCursor(log) + 1) };
}

/** "Revert to pyannoteAI's result". */
export function revert(): CorrectionLog {
  return { edits: [], cursor: 0 };
}

// ---------------------------------------------------------------------------------------------
// Applying edits

/** Times are compared with this slack, so a turn rebuilt from JSON still matches itself. */
const EPSILON = 1e-6;

type Marked<T> = T & CorrectionMark;

interface Lists {
  segments: CorrectedSegment[];
  exclusiveSegments?: CorrectedSegment[];
  turns?: CorrectedTranscribed[];
  words?: CorrectedTranscribed[];
}

function mark<T extends object>(item: T): Marked<T> {
  return { ...item, corrected: false, correctedBy: [] };
}

function touched<T extends CorrectionMark>(item: T, edit: number): T {
  return { ...item, corrected: true, correctedBy: [...item.correctedBy, edit] };
}

function sameTurn(a: TurnRef, b: TurnRef): boolean {
  return (
    a.speaker === b.speaker &&
    Math.abs(a.start - b.start) <= EPSILON &&
    Math.abs(a.end - b.end) <= EPSILON
  );
}

/** The entry is the turn's speaker's and lies within the turn (an exclusive piece, a word). */
function within(item: TurnRef, turn: TurnRef): boolean {
  return (
    item.speaker === turn.speaker &&
    item.start >= turn.start - EPSILON &&
    item.end <= turn.end + EPSILON
  );
}

function compareEntries(a: TurnRef, b: TurnRef): number {
  return (
    a.start - b.start ||
    a.end - b.end ||
    a.speaker.localeCompare(b.speaker, 'en', { numeric: true }) ||
    (a.speaker < b.speaker ? -1 : a.speaker > b.speaker ? 1 : 0)
  );
}

/**
 * The turns a person sees and names in an edit: the transcript's turns when there are any (they
 * carry the words), otherwise the diarization. The result view lists the same ones.
 */
export function primaryTurns(
  corrected: CorrectedResult,
): readonly (CorrectedSegment | CorrectedTranscribed)[] {
  const turns = corrected.transcription?.turns;
  return turns && turns.length > 0 ? turns : corrected.segments;
}

function primaryOf(lists: Lists): readonly TurnRef[] {
  return lists.turns && lists.turns.length > 0 ? lists.turns : lists.segments;
}

function mapLists(
  lists: Lists,
  map: <T extends CorrectedSegment>(list: T[], isWords: boolean) => T[],
): Lists {
  const next: Lists = { segments: map(lists.segments, false) };
  if (lists.exclusiveSegments) next.exclusiveSegments = map(lists.exclusiveSegments, false);
  if (lists.turns) next.turns = map(lists.turns, false);
  if (lists.words) next.words = map(lists.words, true);
  return next;
}

function applyMerge(
  lists: Lists,
  edit: { from: string; into: string },
  index: number,
): Lists | null {
  if (edit.from === edit.into) return null;
  let changed = false;
  const next = mapLists(lists, (list) =>
    list.map((item) => {
      if (item.speaker !== edit.from) return item;
      changed = true;
      return { ...touched(item, index), speaker: edit.into };
    }),
  );
  return changed ? next : null;
}

function applyMove(
  lists: Lists,
  edit: { turns: TurnRef[]; to: string },
  index: number,
): Lists | null {
  const primary = primaryOf(lists);
  // Only turns that exist now and belong to someone else: the rest of a selection still moves.
  const turns = edit.turns.filter(
    (ref) => ref.speaker !== edit.to && primary.some((turn) => sameTurn(turn, ref)),
  );
  if (turns.length === 0) return null;
  const next = mapLists(lists, (list) =>
    list.map((item) =>
      turns.some((turn) => within(item, turn))
        ? { ...touched(item, index), speaker: edit.to }
        : item,
    ),
  );
  return next;
}

function applySplit(
  lists: Lists,
  edit: { turn: TurnRef; at: number },
  index: number,
): Lists | null {
  const { turn, at } = edit;
  const found = primaryOf(lists).some((item) => sameTurn(item, turn));
  if (!found || !(at > turn.start + EPSILON && at < turn.end - EPSILON)) return null;
  // Words are not cut: each stays whole, in the piece where its middle falls.
  const words = (lists.words ?? []).filter((word) => within(word, turn));
  const next = mapLists(lists, (list, isWords) => {
    if (isWords) return list;
    const out: typeof list = [];
    for (const item of list) {
      if (!within(item, turn) || !(at > item.start + EPSILON && at < item.end - EPSILON)) {
        out.push(item);
        continue;
      }
      const first = { ...touched(item, index), end: at };
      const second = { ...touched(item, index), start: at };
      if ('text' in item && typeof item.text === 'string') {
        const [before, after] = splitText(item.text, item, at, words);
        Object.assign(first, { text: before });
        Object.assign(second, { text: after });
      }
      out.push(first, second);
    }
    return out;
  });
  return next;
}

/**
 * The words of the turn on each side of `at` when the transcript has word timings; otherwise the
 * text is cut at the space nearest to the same share of its length as `at` is of the turn.
 */
export function splitText(
  text: string,
  turn: { start: number; end: number },
  at: number,
  words: readonly { start: number; end: number; text: string }[],
): [string, string] {
  const inside = words.filter(
    (w) => w.start >= turn.start - EPSILON && w.end <= turn.end + EPSILON,
  );
  if (inside.length > 0) {
    const join = (list: readonly { text: string }[]) =>
      list
        .map((w) => w.text.trim())
        .filter(Boolean)
        .join(' ');
    const middle = (w: { start: number; end: number }) => (w.start + w.end) / 2;
    return [
      join(inside.filter((w) => middle(w) < at)),
      join(inside.filter((w) => middle(w) >= at)),
    ];
  }
  const share = (at - turn.start) / (turn.end - turn.start);
  const target = Math.round(text.length * share);
  let cut = -1;
  for (let distance = 0; distance <= text.length; distance += 1) {
    if (/\s/.test(text.charAt(target - distance))) {
      cut = target - distance;
      break;
    }
    if (/\s/.test(text.charAt(target + distance))) {
      cut = target + distance;
      break;
    }
  }
  if (cut < 0) return share < 0.5 ? ['', text.trim()] : [text.trim(), ''];
  return [text.slice(0, cut).trim(), text.slice(cut).trim()];
}

function applyEdit(lists: Lists, edit: CorrectionEdit, index: number): Lists | null {
  switch (edit.kind) {
    case 'merge':
      return applyMerge(lists, edit, index);
    case 'move':
      return applyMove(lists, edit, index);
    case 'split':
      return applySplit(lists, edit, index);
  }
}

/**
 * The result with `edits` applied in order, each turn marked as corrected or not. An edit that
 * finds nothing to change (a turn that is no longer there) is skipped and listed in `skipped`.
 */
export function applyCorrections(
  result: SavedResult,
  edits: readonly CorrectionEdit[],
): CorrectedResult {
  let lists: Lists = { segments: result.segments.map(mark) };
  if (result.exclusiveSegments) lists.exclusiveSegments = result.exclusiveSegments.map(mark);
  if (result.transcription) {
    lists.turns = result.transcription.turns.map(mark);
    lists.words = result.transcription.words.map(mark);
  }
  const skipped: number[] = [];
  edits.forEach((edit, index) => {
    const next = applyEdit(lists, edit, index);
    if (next) lists = next;
    else skipped.push(index);
  });
  if (edits.length > skipped.length) {
    lists = mapLists(lists, (list) => list.sort(compareEntries));
  }
  const {
    segments: _s,
    exclusiveSegments: _e,
    transcription: _t,
    corrections: _c,
    ...rest
  } = result;
  const corrected: CorrectedResult = {
    ...rest,
    segments: lists.segments,
    speakers: edits.length > skipped.length ? summarize(result.speakers, lists) : result.speakers,
    editCount: edits.length,
    skipped,
  };
  if (lists.exclusiveSegments) corrected.exclusiveSegments = lists.exclusiveSegments;
  if (lists.turns && lists.words)
    corrected.transcription = { turns: lists.turns, words: lists.words };
  return corrected;
}

/** The result with the edits of its own log that are in force. */
export function withCorrections(result: SavedResult): CorrectedResult {
  return applyCorrections(result, activeEdits(result.corrections));
}

/**
 * Talk time from the corrected diarization (overlapping speech counts for each speaker), in
 * pyannoteAI's order of speakers; a speaker left with nothing at all (merged into another) goes,
 * and a speaker a person added comes after the others.
 */
function summarize(original: readonly SpeakerSummary[], lists: Lists): SpeakerSummary[] {
  const totals = new Map<string, { seconds: number; turns: number }>();
  for (const segment of lists.segments) {
    const entry = totals.get(segment.speaker) ?? { seconds: 0, turns: 0 };
    entry.seconds += segment.end - segment.start;
    entry.turns += 1;
    totals.set(segment.speaker, entry);
  }
  const present = new Set(totals.keys());
  for (const list of [lists.exclusiveSegments, lists.turns, lists.words]) {
    for (const item of list ?? []) present.add(item.speaker);
  }
  const known = original.map((s) => s.label);
  const added = [...present]
    .filter((label) => !known.includes(label))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return [...known.filter((label) => present.has(label)), ...added].map((label) => {
    const entry = totals.get(label);
    return {
      label,
      totalSeconds: entry ? Math.round(entry.seconds * 1000) / 1000 : 0,
      turnCount: entry?.turns ?? 0,
    };
  });
}

/** A label for a speaker pyannoteAI did not find: the next free `SPEAKER_NN`, shown as "Speaker N". */
export function newSpeakerLabel(labels: readonly string[]): string {
  let highest = -1;
  for (const label of labels) {
    const match = /^SPEAKER_(\d+)$/.exec(label);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `SPEAKER_${String(highest + 1).padStart(2, '0')}`;
}

/** One edit in words, for Undo and Redo: "Speaker 3 merged into Speaker 1". */
export function describeEdit(edit: CorrectionEdit, nameOf: (label: string) => string): string {
  switch (edit.kind) {
    case 'merge':
      return `${nameOf(edit.from)} merged into ${nameOf(edit.into)}`;
    case 'move':
      return edit.turns.length === 1
        ? `a turn moved to ${nameOf(edit.to)}`
        : `${edit.turns.length} turns moved to ${nameOf(edit.to)}`;
    case 'split':
      return `a turn of ${nameOf(edit.turn.speaker)} split in two`;
  }
}
