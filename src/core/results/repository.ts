/**
 * The saved results of the engine's jobs: read, rename a speaker, export. The saved result is the
 * single source for the result view and every export; only the engine's own jobs have one, so an
 * id the page made up ("../../x") never names a file.
 */

import type { ExportFormat, SavedResult } from '../../shared/result';
import { DiaristError } from '../errors';
import { exportResult, fileNameFor } from '../exports';
import { readResult, writeResult } from '../jobs/result-files';

export class ResultsRepository {
  constructor(
    private readonly dataDir: string,
    /** Whether `id` is one of the engine's jobs. */
    private readonly isJob: (id: string) => boolean,
  ) {}

  async get(id: string): Promise<SavedResult | undefined> {
    if (!this.isJob(id)) return undefined;
    return readResult(this.dataDir, id);
  }

  /** Names a speaker; every export uses the name from then on. An empty name goes back to the default. */
  async renameSpeaker(id: string, label: string, name: string): Promise<SavedResult> {
    const result = await this.require(id);
    if (!result.speakers.some((speaker) => speaker.label === label)) {
      throw new DiaristError('invalid-request', 'This result has no such speaker.', {
        detail: `unknown label ${label.slice(0, 40)}`,
      });
    }
    const trimmed = name.trim().slice(0, 100);
    const others = Object.entries(result.speakerNames).filter(([key]) => key !== label);
    const speakerNames = Object.fromEntries(trimmed ? [...others, [label, trimmed]] : others);
    const updated = { ...result, speakerNames };
    await writeResult(this.dataDir, updated);
    return updated;
  }

  async export(id: string, format: ExportFormat): Promise<{ fileName: string; content: string }> {
    const result = await this.require(id);
    return { fileName: fileNameFor(result, format), content: exportResult(result, format) };
  }

  private async require(id: string): Promise<SavedResult> {
    const result = await this.get(id);
    if (!result)
      throw new DiaristError('not-found', 'This job has no saved result.', {
        detail: `no result for ${id}`,
      });
    return result;
  }
}
