/**
 * One preparation in a fresh process, so its peak memory is its own: the check's plan for the
 * file (as the engine makes it), then prepareRecording into `<dest-dir>`. Prints one JSON line.
 */

import { join } from 'node:path';
import { checkRecording } from '../src/core/media/preflight';
import { planPreparation, prepareRecording } from '../src/core/media/prepare';

const [source, destDir] = process.argv.slice(2);
if (!source || !destDir) throw new Error('usage: prepare-child <file> <dest-dir>');

const started = process.hrtime.bigint();
const checked = await checkRecording(source, {
  prepare: { plan: planPreparation, capabilities: { webCodecs: false } },
});
if (!checked.ok) throw new Error(`check refused the file: ${checked.message}`);
if (!checked.preparation) throw new Error('the check planned no preparation for this file');
const made = await prepareRecording(source, checked.preparation, join(destDir, 'prepared'));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  JSON.stringify({
    seconds,
    action: checked.preparation.action,
    sizeBytes: made.sizeBytes,
    maxRssKiB: process.resourceUsage().maxRSS,
  }),
);
