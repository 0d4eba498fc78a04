/** The single entry point for exports: a result and a format in, the file's text out. */

import { withCorrections, type CorrectedResult } from '../../shared/corrections';
import type { ExportFormat, SavedResult, TextExportFormat } from '../../shared/result';
import { toCsv } from './csv';
import { toDocx } from './docx';
import { toJson } from './json';
import { toRttm } from './rttm';
import { toSrt } from './srt';
import { toTxt } from './txt';
import { toVtt } from './vtt';
import { exportWords, type ExportWords } from './words';

export { fileNameFor } from './file-name';
export { exportWords, type ExportWords } from './words';
export type { JsonExport, JsonSegment, JsonTranscribedSegment } from './json';

const exporters: Record<TextExportFormat, (result: CorrectedResult) => string> = {
  rttm: toRttm,
  json: toJson,
  csv: toCsv,
  srt: toSrt,
  vtt: toVtt,
  txt: toTxt,
};

/**
 * Every format names speakers with `speakerName`, so renames show up in every export, and every
 * format is written from the corrected turns (pyannoteAI's, with the person's edits in force).
 */
export function exportResult(result: SavedResult, format: TextExportFormat): string {
  const exporter = exporters[format];
  // Formats arrive over IPC at runtime; the type alone does not keep out an unknown string.
  if (!exporter) throw new Error(`Unknown export format: ${String(format)}`);
  return exporter(withCorrections(result));
}

/** Any format, as the file's content: text for the text formats, bytes for DOCX. */
export async function exportFile(
  result: SavedResult,
  format: ExportFormat,
  words: ExportWords = exportWords(),
): Promise<string | Uint8Array> {
  if (format === 'docx') return toDocx(withCorrections(result), words);
  if (format === 'txt') return toTxt(withCorrections(result), words);
  return exportResult(result, format);
}
