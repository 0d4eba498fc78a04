/** The export formats as the page lists them, most useful first for office work. */

import type { ExportFormat } from '../../shared/result';

/** Format names stay as they are in every language (Word is a name); only plain text has a word. */
export const EXPORT_CHOICES: readonly { id: ExportFormat; name?: string }[] = [
  { id: 'txt' },
  { id: 'docx', name: 'Word' },
  { id: 'csv', name: 'CSV' },
  { id: 'srt', name: 'SRT' },
  { id: 'vtt', name: 'WebVTT' },
  { id: 'json', name: 'JSON' },
  { id: 'rttm', name: 'RTTM' },
];
