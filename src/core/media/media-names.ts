/** File-name allow-list for folder scanning; the parser still makes the real decision per file. */

/** Audio containers people bring from recorders, phones, dictaphones and meeting tools. */
export const AUDIO_EXTENSIONS: readonly string[] = [
  ...'wav wave bwf mp3 mp2 mpga m4a m4b aac flac ogg oga opus weba'.split(' '),
  ...'wma aif aiff aifc amr caf mka wv ape'.split(' '),
];

/** Video containers that usually carry a sound track (meeting and phone recordings). */
export const VIDEO_EXTENSIONS: readonly string[] =
  'mp4 m4v mov webm mkv avi wmv asf 3gp 3g2 mpg mpeg mts m2ts ts ogv flv'.split(' ');

const allowed = new Set([...AUDIO_EXTENSIONS, ...VIDEO_EXTENSIONS]);

/**
 * True when a file name looks like a recording worth checking. Hidden files are skipped because
 * macOS leaves "._name.m4a" metadata twins on shared drives that are not recordings at all.
 */
export function isLikelyMediaName(name: string): boolean {
  const base = name.split(/[\\/]/).pop() ?? '';
  if (base.startsWith('.')) return false;
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return false;
  return allowed.has(base.slice(dot + 1).toLowerCase());
}
