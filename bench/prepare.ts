/**
 * Preparation benchmark, side by side with ffmpeg doing the same job in the same run:
 *  - a 2 GiB H.264 + AAC meeting video to its sound only (ffmpeg: `-vn -c:a copy`);
 *  - a 2 GiB 48 kHz stereo 24-bit field recording to 16 kHz mono 16-bit (ffmpeg: `-ac 1 -ar 16000`).
 * Each run is a fresh process (ours timed from inside, without its start; ffmpeg's whole run);
 * medians of several runs. Peak memory is compared with the same
 * script preparing a one-second file (idle). Then the whole path once: the `diarize` command on
 * the video against the simulator (prepare + upload + job), against sending the video whole
 * (what Diarist refused before: timed as an upload of every byte to a local sink with curl).
 * Targets: extraction ≤ 1.5 × ffmpeg's time, resampling ≤ 3 × ffmpeg's time, peak memory
 * ≤ idle + 64 MiB for both.
 */

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FAST_SIM, startSimulator } from '../test/support/engine-harness';
import { median, runMeasured, startSink } from './measure';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZE = Number(process.env.BENCH_PREPARE_BYTES ?? 2 * GIB);
const run = promisify(execFile);
const ffmpeg = (args: string[]) => run('ffmpeg', ['-v', 'error', '-y', ...args]);

/** A 20 s H.264 + AAC segment, repeated without re-encoding until the file is `bytes` long. */
async function makeVideo(dir: string, bytes: number): Promise<string> {
  const segment = join(dir, 'segment.mp4');
  await ffmpeg([
    ...['-f', 'lavfi', '-i', 'testsrc2=s=1280x720:r=25'],
    ...['-f', 'lavfi', '-i', 'sine=f=300:r=48000'],
    ...['-t', '20', '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '8', '-pix_fmt', 'yuv420p'],
    ...['-c:a', 'aac', '-b:a', '128k', '-ac', '2', segment],
  ]);
  const loops = Math.ceil(bytes / (await stat(segment)).size);
  const video = join(dir, 'meeting.mp4');
  await ffmpeg([
    '-stream_loop',
    String(loops),
    '-i',
    segment,
    '-c',
    'copy',
    '-fs',
    String(bytes),
    video,
  ]);
  return video;
}

/** Noise at 48 kHz, stereo, 24-bit, `seconds` long (a field recorder's format). */
async function makeWav(dir: string, name: string, seconds: number): Promise<string> {
  const wav = join(dir, name);
  await ffmpeg([
    ...['-f', 'lavfi', '-i', `anoisesrc=r=48000:a=0.2:d=${seconds}`],
    ...['-ac', '2', '-c:a', 'pcm_s24le', wav],
  ]);
  return wav;
}

interface Sample {
  seconds: number;
  peakRssMiB: number;
}

async function ours(file: string, out: string): Promise<Sample> {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const measured = await runMeasured(process.execPath, [
    '--import',
    'tsx',
    'bench/prepare-child.ts',
    file,
    out,
  ]);
  const report = JSON.parse(measured.stdout.trim().split('\n').at(-1)!) as {
    seconds: number;
    maxRssKiB: number;
  };
  // The work itself (check + prepare), as the app and the command line wait for it; the
  // process's own start (tsx compiling TypeScript, about a second) is not part of it.
  return {
    seconds: report.seconds,
    peakRssMiB: Math.max(measured.peakKiB, report.maxRssKiB) / 1024,
  };
}

async function viaFfmpeg(args: string[]): Promise<Sample> {
  const measured = await runMeasured('ffmpeg', ['-v', 'error', '-y', ...args]);
  return { seconds: measured.seconds, peakRssMiB: measured.peakKiB / 1024 };
}

/** The `diarize` command on the video, against the simulator: time and bytes that reached it. */
async function wholePath(
  video: string,
  dir: string,
): Promise<{ seconds: number; sentBytes: number }> {
  const sim = await startSimulator(FAST_SIM);
  try {
    const measured = await runMeasured(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/diarize.ts',
        video,
        '--data',
        join(dir, 'cli-data'),
        '--out',
        join(dir, 'cli-out'),
      ],
      { ...process.env, PYANNOTE_API_URL: sim.baseUrl, PYANNOTE_API_KEY: sim.apiKey },
    );
    const sent = [...sim.uploads().values()].reduce((sum, upload) => sum + upload.size, 0);
    return { seconds: measured.seconds, sentBytes: sent };
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'diarist-bench-prepare-'));
  const sink = await startSink();
  try {
    console.log(`generating a ${(SIZE / GIB).toFixed(2)} GiB video and a WAV of the same size…`);
    const video = await makeVideo(dir, SIZE);
    // 48 kHz × 2 channels × 3 bytes a second.
    const wav = await makeWav(dir, 'field.wav', Math.floor(SIZE / 288_000));
    const tiny = await makeWav(dir, 'tiny.wav', 1);
    const out = join(dir, 'out');
    const rows: Record<string, Sample[]> = {
      'ours, 1 s WAV (idle)': [],
      'ours, video → sound': [],
      'ffmpeg -vn -c:a copy': [],
      'ours, WAV → 16 kHz mono': [],
      'ffmpeg -ac 1 -ar 16000': [],
    };
    for (let i = 1; i <= RUNS; i += 1) {
      console.log(`run ${i}/${RUNS}…`);
      rows['ours, 1 s WAV (idle)']!.push(await ours(tiny, out));
      rows['ours, video → sound']!.push(await ours(video, out));
      rows['ffmpeg -vn -c:a copy']!.push(
        await viaFfmpeg(['-i', video, '-vn', '-c:a', 'copy', join(dir, 'ff.m4a')]),
      );
      rows['ours, WAV → 16 kHz mono']!.push(await ours(wav, out));
      rows['ffmpeg -ac 1 -ar 16000']!.push(
        await viaFfmpeg(['-i', wav, '-ac', '1', '-ar', '16000', join(dir, 'ff.wav')]),
      );
    }
    const summary = Object.fromEntries(
      Object.entries(rows).map(([name, samples]) => [
        name,
        {
          seconds: median(samples.map((s) => s.seconds)),
          rss: median(samples.map((s) => s.peakRssMiB)),
        },
      ]),
    );
    console.log(`\npreparing ${(SIZE / GIB).toFixed(2)} GiB files, median of ${RUNS} runs`);
    console.log('approach                  time (s)   peak RSS (MiB)');
    for (const [name, { seconds, rss }] of Object.entries(summary)) {
      console.log(
        `${name.padEnd(24)} ${seconds.toFixed(2).padStart(9)}   ${rss.toFixed(0).padStart(14)}`,
      );
    }
    const idle = summary['ours, 1 s WAV (idle)']!.rss;
    const extract = summary['ours, video → sound']!;
    const resample = summary['ours, WAV → 16 kHz mono']!;
    const extractRatio = extract.seconds / summary['ffmpeg -vn -c:a copy']!.seconds;
    const resampleRatio = resample.seconds / summary['ffmpeg -ac 1 -ar 16000']!.seconds;
    const extractRss = extract.rss - idle;
    const resampleRss = resample.rss - idle;
    console.log(`\nextraction takes ${extractRatio.toFixed(2)} × ffmpeg's time (target ≤ 1.5)`);
    console.log(`resampling takes ${resampleRatio.toFixed(2)} × ffmpeg's time (target ≤ 3)`);
    console.log(
      `peak memory over idle: extraction ${extractRss.toFixed(1)} MiB, resampling ${resampleRss.toFixed(1)} MiB (target ≤ 64)`,
    );

    console.log('\nthe whole path for the video (once): diarize against the simulator');
    const path = await wholePath(video, dir);
    const whole = await runMeasured('curl', [
      '-sS',
      '-f',
      '-o',
      '/dev/null',
      '-T',
      video,
      sink.url,
    ]);
    const videoBytes = (await stat(video)).size;
    console.log('path                              bytes sent     time (s)');
    console.log(
      `${'only the sound (prepare+upload+job)'.padEnd(34)}${(path.sentBytes / MIB).toFixed(1).padStart(8)} MiB ${path.seconds.toFixed(2).padStart(11)}`,
    );
    console.log(
      `${'the whole video, upload alone'.padEnd(34)}${(videoBytes / MIB).toFixed(1).padStart(8)} MiB ${whole.seconds.toFixed(2).padStart(11)}`,
    );
    console.log(
      '(a local sink; over a real 20 Mbit/s office uplink the whole video would take about ' +
        `${Math.round((videoBytes * 8) / 20e6 / 60)} min, the sound about ${Math.max(1, Math.round((path.sentBytes * 8) / 20e6))} s)`,
    );
    const missed = [
      ...(extractRatio > 1.5 ? ['extraction time'] : []),
      ...(resampleRatio > 3 ? ['resampling time'] : []),
      ...(extractRss > 64 || resampleRss > 64 ? ['peak memory'] : []),
      ...(path.sentBytes <= 0 || path.sentBytes >= videoBytes ? ['only the sound sent'] : []),
    ];
    console.log(missed.length ? `targets missed: ${missed.join(', ')}` : 'targets met');
    if (missed.length) process.exitCode = 1;
  } finally {
    sink.child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
