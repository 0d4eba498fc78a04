/** File sizes in words, the same in the batch panel, the job list, the messages and the command line. */

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

/**
 * Sizes use binary multiples labelled GB/MB/KB, as Windows Explorer and macOS Finder's file info
 * do, so the numbers match what staff see next to the file on their own screen (and the 1 GiB
 * service limit reads as "1 GB"). Small files say their bytes: "194 bytes", not "0.1 MB".
 */
export function formatBytes(bytes: number): string {
  if (bytes < KIB) return `${bytes} bytes`;
  if (bytes < MIB) return `${Math.round(bytes / KIB)} KB`;
  if (bytes < GIB) return `${trim(bytes / MIB, bytes < 10 * MIB ? 1 : 0)} MB`;
  return `${trim(bytes / GIB, 1)} GB`;
}

function trim(value: number, decimals: number): string {
  // "1.0 GB" reads as fussy; "1 GB" is what the limit is called everywhere else.
  return value.toFixed(decimals).replace(/\.0+$/, '');
}
