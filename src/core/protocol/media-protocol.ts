/**
 * How `app://diarist/media/<jobId>` answers, so the page's <audio> element can play and seek a
 * local recording of any size: parses the URL and the Range header into a status, headers and
 * the byte range to read. Pure; the protocol glue and the browser preview do the reading.
 */

import { extname } from 'node:path';
import { APP_ORIGIN } from './app-protocol-paths';

export const MEDIA_PATH_PREFIX = '/media/';
const JOB_ID = /^[A-Za-z0-9-]{1,64}$/;

export function mediaUrlFor(jobId: string): string {
  return `${APP_ORIGIN}${MEDIA_PATH_PREFIX}${encodeURIComponent(jobId)}`;
}

/** True for any URL under our media path, valid or not, so it is never looked up as a page file. */
export function isMediaRequest(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      `${parsed.protocol}//${parsed.host}` === APP_ORIGIN &&
      parsed.pathname.startsWith(MEDIA_PATH_PREFIX)
    );
  } catch {
    return false;
  }
}

/** The job id in a media URL of our own origin, or undefined. */
export function mediaJobIdFrom(url: string): string | undefined {
  if (!isMediaRequest(url)) return undefined;
  const id = new URL(url).pathname.slice(MEDIA_PATH_PREFIX.length);
  return JOB_ID.test(id) ? id : undefined;
}

const MEDIA_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  wave: 'audio/wav',
  bwf: 'audio/wav',
  mp3: 'audio/mpeg',
  mp2: 'audio/mpeg',
  mpga: 'audio/mpeg',
  m4a: 'audio/mp4',
  m4b: 'audio/mp4',
  aac: 'audio/aac',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  weba: 'audio/webm',
  aif: 'audio/aiff',
  aiff: 'audio/aiff',
  aifc: 'audio/aiff',
  amr: 'audio/amr',
  caf: 'audio/x-caf',
  mka: 'audio/x-matroska',
  wma: 'audio/x-ms-wma',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  ogv: 'video/ogg',
  mpg: 'video/mpeg',
  mpeg: 'video/mpeg',
  '3gp': 'video/3gpp',
  '3g2': 'video/3gpp2',
  avi: 'video/x-msvideo',
  wmv: 'video/x-ms-wmv',
  mts: 'video/mp2t',
  m2ts: 'video/mp2t',
  ts: 'video/mp2t',
};

export function mediaContentType(path: string): string {
  return MEDIA_TYPES[extname(path).slice(1).toLowerCase()] ?? 'application/octet-stream';
}

/** Inclusive byte offsets, as `fs.createReadStream` takes them. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * A single byte range, 'unsatisfiable', or undefined when the header is absent or one we ignore
 * (another unit, several ranges, bad syntax): RFC 9110 lets a server answer those with the
 * whole file, which every media player accepts.
 */
export function parseRange(
  header: string | null | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    // "bytes=-500": the last 500 bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { start, end };
}

export interface MediaPlan {
  status: 200 | 206 | 404 | 416;
  headers: Record<string, string>;
  /** What to read and send; absent when there is no body (errors, empty files). */
  range?: ByteRange;
}

/**
 * The answer for a recording at `path` of `size` bytes (both undefined when the job or its
 * file is gone). An open-ended range is served to the end of the file: Chromium takes a
 * shorter answer than it asked for as the end of the recording.
 */
export function planMediaResponse(
  path: string | undefined,
  size: number | undefined,
  rangeHeader: string | null | undefined,
): MediaPlan {
  if (path === undefined || size === undefined) {
    return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
  }
  const common = {
    'Content-Type': mediaContentType(path),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  };
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    return {
      status: 416,
      headers: { ...common, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' },
    };
  }
  if (range === undefined) {
    const whole = size > 0 ? { range: { start: 0, end: size - 1 } } : {};
    return { status: 200, headers: { ...common, 'Content-Length': String(size) }, ...whole };
  }
  return {
    status: 206,
    headers: {
      ...common,
      'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
      'Content-Length': String(range.end - range.start + 1),
    },
    range,
  };
}
