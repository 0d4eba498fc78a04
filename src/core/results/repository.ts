/**
 * The saved results of the engine's jobs: read, rename a speaker, export. The saved result is the
 * single source for the result view and every export; only the engine's own jobs have one, so an
 * id the page made up ("../../x") never names a file.
 */

import {
  activeEdits,
  addEdit,
  applyCorrections,
  MAX_EDITS,
  redo,
  revert,
  undo,
  withCorrections,
  type CorrectionEdit,
} from '../../shared/corrections';
import { correctionLogSchema, type CorrectionChange } from '../../shared/ipc-contract';
import type { ExportFormat, SavedResult } from '../../shared/result';
import { DiaristError } from '../errors';
import { exportFile, fileNameFor, type ExportWords } from '../exports';
import { readResult, writeResult } from '../jobs/result-files';
import { oneAtATime } from '../storage/one-at-a-time';

/**
 * Changes to one result file, one at a time: two quick undos, or a rename during a merge, each
 * read the file the other wrote. Shared by every repository on the same data folder.
 */
const oneFileAtATime = oneAtATime();

/** A speaker may be named in an edit when the corrected result has it, or as the next new speaker. */
const NEW_SPEAKER = /^SPEAKER_\d{2,4}$/;

export class ResultsRepository {
  constructor(
    private readonly dataDir: string,
    /** Whether `id` is one of the engine's jobs. */
    private readonly isJob: (id: string) => boolean,
  ) {}

  async get(id: string): Promise<SavedResult | undefined> {
    if (!this.isJob(id)) return undefined;
    const result = await readResult(this.dataDir, id);
    if (
      result?.corrections !== undefined &&
      !correctionLogSchema.safeParse(result.corrections).success
    ) {
      // A log damaged by hand is left out rather than half applied; pyannoteAI's result still shows.
      const { corrections: _damaged, ...rest } = result;
      return rest;
    }
    return result;
  }

  /** Names a speaker; every export uses the name from then on. An empty name goes back to the default. */
  renameSpeaker(id: string, label: string, name: string): Promise<SavedResult> {
    return this.change(id, (result) => this.renamed(result, label, name));
  }

  /**
   * One more correction, an undo, a redo, or back to pyannoteAI's result. The log is written to
   * the result's file with the names; pyannoteAI's turns in it are never changed.
   */
  correct(id: string, change: CorrectionChange): Promise<SavedResult> {
    return this.change(id, async (result) => {
      const log = result.corrections;
      let corrections;
      if (change.type === 'undo') corrections = undo(log);
      else if (change.type === 'redo') corrections = redo(log);
      else if (change.type === 'revert') corrections = revert();
      else {
        checkEdit(result, change.edit);
        corrections = addEdit(log, change.edit);
      }
      const updated: SavedResult = { ...result, corrections };
      await writeResult(this.dataDir, updated);
      return updated;
    });
  }

  private change(id: string, work: (result: SavedResult) => Promise<SavedResult>) {
    return oneFileAtATime(`${this.dataDir}\u0000${id}`, async () => work(await this.require(id)));
  }

  private async renamed(result: SavedResult, label: string, name: string): Promise<SavedResult> {
    const known = (speakers: SavedResult['speakers']) => speakers.some((s) => s.label === label);
    // A speaker a person added by a correction can be named too.
    if (!known(result.speakers) && !known(withCorrections(result).speakers)) {
      throw new DiaristError('invalid-request', 'This result has no such speaker.', {
        detail: `unknown label ${label.slice(0, 40)}`,
        key: 'results.noSuchSpeaker',
      });
    }
    const trimmed = name.trim().slice(0, 100);
    const others = Object.entries(result.speakerNames).filter(([key]) => key !== label);
    const speakerNames = Object.fromEntries(trimmed ? [...others, [label, trimmed]] : others);
    const updated = { ...result, speakerNames };
    await writeResult(this.dataDir, updated);
    return updated;
  }

  async export(
    id: string,
    format: ExportFormat,
    words?: ExportWords,
  ): Promise<{ fileName: string; content: string | Uint8Array }> {
    const result = await this.require(id);
    return {
      fileName: fileNameFor(result, format),
      content: await exportFile(result, format, words),
    };
  }

  private async require(id: string): Promise<SavedResult> {
    // Read again for every change: the file is the truth, not a copy held here.
    const result = await this.get(id);
    if (!result)
      throw new DiaristError('not-found', 'This job has no saved result.', {
        detail: `no result for ${id}`,
        key: 'results.noResult',
      });
    return result;
  }
}

/** Refuses an edit that would change nothing, with words that say what to do. */
function checkEdit(result: SavedResult, edit: CorrectionEdit): void {
  const edits = activeEdits(result.corrections);
  if (edits.length >= MAX_EDITS) {
    throw new DiaristError(
      'invalid-request',
      `This result already has ${MAX_EDITS} corrections, the most Diarist keeps. Undo some, or go back to pyannoteAI’s result, to make more.`,
      { key: 'results.tooManyEdits', params: { max: MAX_EDITS } },
    );
  }
  const labels = new Set(withCorrections(result).speakers.map((s) => s.label));
  const speakersOk =
    edit.kind === 'merge'
      ? labels.has(edit.from) && labels.has(edit.into)
      : edit.kind === 'move'
        ? labels.has(edit.to) || NEW_SPEAKER.test(edit.to)
        : true;
  const applied =
    speakersOk && !applyCorrections(result, [...edits, edit]).skipped.includes(edits.length);
  if (!applied) {
    throw new DiaristError(
      'invalid-request',
      'This correction could not be made: the turn or speaker has changed since the result was shown. Close the result, open it again and try once more.',
      { detail: `edit ${edit.kind} refused`, key: 'results.editRefused' },
    );
  }
}
