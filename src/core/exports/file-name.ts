/** Export file names that are valid on Windows, macOS and Linux alike. */

import type { ExportFormat, SavedResult } from '../../shared/result';

/** Used when nothing usable is left of the recording's name. */
const FALLBACK_BASE = 'diarist-result';

/** Names Windows reserves for devices, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Most file systems allow 255 bytes per name; room is left for the extension. */
const MAX_BASE_BYTES = 200;

/**
 * The recording's name without folder or extension, made safe: characters Windows forbids and
 * control characters become "_", bidirectional overrides are removed (they can disguise an
 * extension), leading dots (hidden files) and trailing dots or spaces (Windows drops them) go.
 */
export function safeBaseName(sourceName: string): string {
  const base = (sourceName.split(/[\\/]/).pop() ?? '').normalize('NFC');
  const dot = base.lastIndexOf('.');
  let name = dot > 0 ? base.slice(0, dot) : base;
  name = name
    .replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g, '')
    .replace(/[<>:"/\\|?*\p{Cc}]/gu, '_')
    .replace(/^[\s.]+/u, '')
    .replace(/[\s.]+$/u, '');
  name = truncateUtf8(name, MAX_BASE_BYTES).replace(/[\s.]+$/u, '');
  if (name === '' || /^_+$/.test(name)) return FALLBACK_BASE;
  return WINDOWS_RESERVED.test(name) ? `_${name}` : name;
}

/** Cuts at a code point boundary, so an emoji or accented letter is never split in half. */
function truncateUtf8(value: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const char of value) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}

export function fileNameFor(result: Pick<SavedResult, 'source'>, format: ExportFormat): string {
  return `${safeBaseName(result.source.name)}.${format}`;
}
