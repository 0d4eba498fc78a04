/**
 * Small recordings made at test time with ffmpeg (never committed): videos with AAC, Opus and PCM
 * sound, a video without sound, one whose sound starts 2 s after the picture, and a field
 * recorder's 48 kHz stereo 24-bit WAV. Their sound is the speech fixture, so the service has turns.
 * ffprobe reads back what reached the simulator.
 */

import { execFile } from 'node:child_process';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FIXTURES } from './engine-harness';

const run = promisify(execFile);
const SPEECH = join(FIXTURES, 'conversation.wav');
const PICTURE = ['-f', 'lavfi', '-i', 'color=c=gray:s=64x48:r=5'];
const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

export const MEDIA = {
  'meeting-aac.mp4': [
    ...PICTURE,
    '-i',
    SPEECH,
    '-map',
    '0:v',
    '-map',
    '1:a',
    ...H264,
    '-c:a',
    'aac',
    '-b:a',
    '48k',
    '-shortest',
  ],
  'meeting-opus.webm': [
    ...PICTURE,
    '-i',
    SPEECH,
    '-map',
    '0:v',
    '-map',
    '1:a',
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-b:v',
    '50k',
    '-c:a',
    'libopus',
    '-b:a',
    '32k',
    '-shortest',
  ],
  'meeting-pcm.mov': [
    ...PICTURE,
    '-i',
    SPEECH,
    '-map',
    '0:v',
    '-map',
    '1:a',
    ...H264,
    '-c:a',
    'pcm_s16le',
    '-ar',
    '48000',
    '-ac',
    '2',
    '-shortest',
  ],
  'silent-video.mp4': [...PICTURE, '-t', '5', ...H264, '-an'],
  // The sound starts 2 s into the video (as when a recorder joins late): the subtitles must too.
  'late-sound.mp4': [
    ...PICTURE,
    '-itsoffset',
    '2',
    '-i',
    SPEECH,
    '-map',
    '0:v',
    '-map',
    '1:a',
    ...H264,
    '-c:a',
    'aac',
    '-b:a',
    '48k',
    '-t',
    '16.7',
  ],
  'field-recorder.wav': ['-i', SPEECH, '-ar', '48000', '-ac', '2', '-c:a', 'pcm_s24le'],
  // Ten minutes of the conversation, over and over: a result of about a hundred turns.
  'long-meeting.wav': ['-stream_loop', '39', '-i', SPEECH, '-c:a', 'pcm_s16le'],
} as const satisfies Record<string, readonly string[]>;

export type MediaName = keyof typeof MEDIA;

export async function makeMedia(dir: string, name: MediaName): Promise<string> {
  const out = join(dir, name);
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...MEDIA[name], out], {
    timeout: 60_000,
  });
  return out;
}

export interface ProbedStream {
  codec_type: string;
  codec_name: string;
  sample_rate?: string;
  channels?: number;
  start_time?: string;
}

/** What ffprobe finds in bytes (as the simulator received them). */
export async function probeBytes(
  dir: string,
  bytes: Buffer,
  name: string,
): Promise<ProbedStream[]> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  const { stdout } = await run(
    'ffprobe',
    [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,codec_name,sample_rate,channels,start_time',
      '-of',
      'json',
      path,
    ],
    { timeout: 30_000 },
  );
  return (JSON.parse(stdout) as { streams: ProbedStream[] }).streams;
}

/**
 * A PCM WAV of `seconds` of silence that takes no room on disk (a header, then a hole): how tests
 * get recordings over 1 GiB without writing or committing them.
 */
export async function writeSparseWav(
  path: string,
  format: { rate: number; channels: number; bits: number; seconds: number },
): Promise<void> {
  const blockAlign = (format.channels * format.bits) / 8;
  const dataBytes = format.seconds * format.rate * blockAlign;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(Math.min(0xffffffff, 36 + dataBytes), 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.rate, 24);
  header.writeUInt32LE(format.rate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(format.bits, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(Math.min(0xffffffff, dataBytes), 40);
  await writeFile(path, header);
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(44 + dataBytes);
  } finally {
    await handle.close();
  }
}
