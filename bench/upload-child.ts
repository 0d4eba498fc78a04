/** One upload in a fresh process, so its peak memory is its own: `ours` or `naive`, to a sink URL. */

import { readFile, stat } from 'node:fs/promises';
import axios from 'axios';
import { createUploader } from '../src/core/upload/uploader';
import { silentLogger } from '../src/core/logging/logger';
import { openNetwork } from '../src/core/network/open';

const [mode, path, url] = process.argv.slice(2);
if (!mode || !path || !url) throw new Error('usage: upload-child <ours|naive> <file> <url>');

const started = process.hrtime.bigint();
if (mode === 'ours') {
  // The benchmark measures the transfer; the pre-signed URL is handed over as the API would.
  // As the CLI does: HTTP(S)_PROXY from the environment (the benchmark's proxy row sets it).
  const network = openNetwork(silentLogger);
  const uploader = createUploader({
    client: { createUploadUrl: async () => url },
    agentsFor: network.agentsFor,
    maxAttempts: 1,
  });
  await uploader.upload({ path, mediaUrl: 'media://bench/file' });
  network.close();
} else if (mode === 'naive') {
  // pyannoteAI's tutorial: read the whole file, then PUT it in one request.
  const body = await readFile(path);
  const response = await axios.put(url, body, {
    headers: { 'Content-Type': 'application/octet-stream' },
    maxBodyLength: Infinity,
  });
  if (response.status !== 200) throw new Error(`sink answered ${response.status}`);
} else {
  throw new Error(`unknown mode ${mode}`);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const { size } = await stat(path);
console.log(JSON.stringify({ seconds, bytes: size, maxRssKiB: process.resourceUsage().maxRSS }));
