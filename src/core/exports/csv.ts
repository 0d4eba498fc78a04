/** RFC 4180 CSV for spreadsheets: one row per transcribed turn, or per diarization segment. */

import type { CorrectedResult } from '../../shared/corrections';
import { hasTranscript } from './cues';
import { nameLookup } from './text';
import { decimalSeconds, toMs } from './time';

/** `corrected` is "yes" for a row a person changed (its speaker, start or end), else "no". */
export const CSV_HEADER = ['start', 'end', 'duration', 'speaker', 'text', 'corrected'] as const;

/**
 * Excel, LibreOffice and Google Sheets run a cell that starts with one of these as a formula
 * (CSV injection, see OWASP), so a speaker named `=HYPERLINK(…)` or a transcript line like
 * "+1 555…" could fetch URLs or run commands when someone opens the file. A leading apostrophe
 * makes them plain text; the cost is a visible apostrophe in other CSV readers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180 §2.6–2.7: quote fields holding a comma, quote, CR or LF; double inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function row(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * With a transcription, rows are its turns; without, the full diarization (overlaps included),
 * since a spreadsheet is for analysis rather than reading along. Text cells are defused like
 * names because transcripts can start with "=", "+", "-" or "@" too.
 */
export function toCsv(result: CorrectedResult): string {
  const nameOf = nameLookup(result);
  const rows = hasTranscript(result)
    ? (result.transcription?.turns ?? [])
    : result.segments.map((s) => ({ ...s, text: '' }));
  const lines = [row(CSV_HEADER)];
  for (const entry of rows) {
    const startMs = toMs(entry.start);
    const endMs = toMs(entry.end);
    lines.push(
      row([
        decimalSeconds(startMs),
        decimalSeconds(endMs),
        decimalSeconds(Math.max(0, endMs - startMs)),
        defuseFormula(nameOf(entry.speaker)),
        defuseFormula(entry.text),
        entry.corrected ? 'yes' : 'no',
      ]),
    );
  }
  return lines.join('');
}
