/**
 * Upload benchmark: a generated 1 GiB file PUT to a local sink by (a) our streaming uploader,
 * (b) the tutorial's read-everything-then-PUT, (c) curl -T; and (a) and (c) again through a real
 * proxy (Debian's tinyproxy, plain HTTP forwarding). Peak RSS and throughput, medians of several
 * runs, each in a fresh process. Targets: ours within 64 MiB of the same script uploading a tiny
 * file, and at least half of curl's throughput; through the proxy as well.
 */

import { mkdtemp, open, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTinyproxy } from '../test/support/tinyproxy';
import { median, runMeasured, startSink } from './measure';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZE = Number(process.env.BENCH_UPLOAD_BYTES ?? GIB);

interface Sample {
  seconds: number;
  peakRssMiB: number;
}

async function makeFile(path: string, bytes: number): Promise<void> {
  // Random content (a repeated 16 MiB block) so nothing along the way can compress or skip it.
  const block = randomBytes(Math.min(16 * MIB, Math.max(1, bytes)));
  const handle = await open(path, 'w');
  try {
    for (let written = 0; written < bytes; written += block.length) {
      await handle.write(block, 0, Math.min(block.length, bytes - written));
    }
  } finally {
    await handle.close();
  }
}

/** This process's environment with no proxy, or with every scheme sent to `proxy`. */
function proxyEnv(proxy?: string): NodeJS.ProcessEnv {
  const names = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY'];
  const unset = new Set([...names, ...names.map((name) => name.toLowerCase())]);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !unset.has(name)));
  return proxy ? { ...env, HTTP_PROXY: proxy, HTTPS_PROXY: proxy } : env;
}

async function nodeUpload(
  mode: 'ours' | 'naive',
  file: string,
  url: string,
  proxy?: string,
): Promise<Sample> {
  const run = await runMeasured(
    process.execPath,
    ['--import', 'tsx', 'bench/upload-child.ts', mode, file, url],
    proxyEnv(proxy),
  );
  const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
    seconds: number;
    maxRssKiB: number;
  };
  return { seconds: report.seconds, peakRssMiB: Math.max(run.peakKiB, report.maxRssKiB) / 1024 };
}

async function curlUpload(file: string, url: string, proxy?: string): Promise<Sample> {
  const run = await runMeasured(
    'curl',
    [
      '-sS',
      '-f',
      '-o',
      '/dev/null',
      '-w',
      '%{time_total}',
      '-T',
      file,
      '-H',
      'Content-Type: application/octet-stream',
      url,
    ],
    proxyEnv(proxy),
  );
  return { seconds: Number(run.stdout.trim()), peakRssMiB: run.peakKiB / 1024 };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'diarist-bench-'));
  const big = join(dir, 'big.bin');
  const tiny = join(dir, 'tiny.bin');
  const sink = await startSink();
  const proxy = await startTinyproxy();
  try {
    console.log(`generating ${(SIZE / GIB).toFixed(2)} GiB test file…`);
    await makeFile(big, SIZE);
    await makeFile(tiny, 1024);
    const rows: Record<string, Sample[]> = {
      'ours (tiny file)': [],
      ours: [],
      naive: [],
      'curl -T': [],
      'ours via tinyproxy': [],
      'curl -T via tinyproxy': [],
    };
    for (let run = 1; run <= RUNS; run += 1) {
      console.log(`run ${run}/${RUNS}…`);
      rows['ours (tiny file)']!.push(await nodeUpload('ours', tiny, sink.url));
      rows.ours!.push(await nodeUpload('ours', big, sink.url));
      rows.naive!.push(await nodeUpload('naive', big, sink.url));
      rows['curl -T']!.push(await curlUpload(big, sink.url));
      rows['ours via tinyproxy']!.push(await nodeUpload('ours', big, sink.url, proxy.url));
      rows['curl -T via tinyproxy']!.push(await curlUpload(big, sink.url, proxy.url));
    }
    const summary = Object.fromEntries(
      Object.entries(rows).map(([name, samples]) => {
        const bytes = name === 'ours (tiny file)' ? 1024 : SIZE;
        return [
          name,
          {
            rss: median(samples.map((s) => s.peakRssMiB)),
            mibps: median(samples.map((s) => bytes / MIB / s.seconds)),
          },
        ];
      }),
    );
    console.log(
      `\nupload of ${(SIZE / GIB).toFixed(2)} GiB to a local sink, median of ${RUNS} runs`,
    );
    console.log('approach               peak RSS (MiB)   throughput (MiB/s)');
    for (const [name, { rss, mibps }] of Object.entries(summary)) {
      const throughput = name === 'ours (tiny file)' ? '-' : mibps.toFixed(0);
      console.log(`${name.padEnd(22)} ${rss.toFixed(0).padStart(14)}   ${throughput.padStart(18)}`);
    }
    const ours = summary.ours!;
    const extraRss = ours.rss - summary['ours (tiny file)']!.rss;
    const ratio = ours.mibps / summary['curl -T']!.mibps;
    console.log(`\nours uses ${extraRss.toFixed(1)} MiB more than for a tiny file (target ≤ 64)`);
    console.log(`ours reaches ${(ratio * 100).toFixed(0)} % of curl's throughput (target ≥ 50 %)`);
    const proxied = summary['ours via tinyproxy']!;
    const proxiedExtraRss = proxied.rss - summary['ours (tiny file)']!.rss;
    const proxiedRatio = proxied.mibps / summary['curl -T via tinyproxy']!.mibps;
    const puts = (await proxy.requests()).filter((r) => r.method === 'PUT').length;
    console.log(
      `through tinyproxy (${puts} PUTs seen by it): ${proxiedExtraRss.toFixed(1)} MiB more than a tiny file, ${(proxiedRatio * 100).toFixed(0)} % of curl's throughput through it`,
    );
    const missed = [
      ...(extraRss > 64 || proxiedExtraRss > 64 ? ['peak RSS'] : []),
      ...(ratio < 0.5 || proxiedRatio < 0.5 ? ['throughput'] : []),
    ];
    console.log(missed.length ? `targets missed: ${missed.join(', ')}` : 'targets met');
    if (missed.length) process.exitCode = 1;
  } finally {
    sink.child.kill('SIGTERM');
    await proxy.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
