/**
 * The bad-input catalogue: every kind of bad input gets a clear, specific message and leaves
 * everything else untouched. Files go through the real engine; IPC arguments through the one
 * invoke() path with the real services; hostile API answers come from a misbehaving server.
 */

import { createServer, type Server, type ServerResponse } from 'node:http';
import { chmod, mkdir, open, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../src/shared/ipc-contract';
import { DEFAULT_DIARIZE_OPTIONS } from '../../src/shared/diarize-options';
import { MAX_FILE_BYTES } from '../../src/shared/limits';
import { invoke } from '../../src/core/app/invoke';
import { createAppServices, type AppServices } from '../../src/core/app/services';
import { MemoryKeyStore, MemorySettingsStore } from '../../src/core/app/memory-stores';
import { createPyannoteClient } from '../../src/core/pyannote/client';
import type { JobEngine } from '../../src/core/jobs/engine';
import {
  copyFixtures,
  FAST_SIM,
  openEngine,
  startSimulator,
  tempDir,
  waitForFinal,
  type Simulator,
} from '../support/engine-harness';
import { CANCELED_DIALOGS, QUIET_DESKTOP } from '../support/app-stubs';
import { writeSparseWav } from '../support/prepare-media';

/** What each bad input got, printed as the catalogue's table when the file ends. */
const table: { input: string; outcome: string; message: string }[] = [];
const cell = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
afterAll(() => {
  const lines = table.map(
    (row) => `${cell(row.input, 46)} │ ${cell(row.outcome, 26)} │ ${cell(row.message, 90)}`,
  );
  console.log(
    [
      'BAD-INPUT CATALOGUE — what each input got',
      `${cell('input', 46)} │ ${cell('outcome', 26)} │ message`,
      ...lines,
      `${table.length} inputs`,
    ].join('\n'),
  );
});

describe('bad recordings', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let engine: JobEngine;
  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-bad-');
    engine = await openEngine(sim, join(work.path, 'data'));
  });
  afterAll(async () => {
    await engine.close();
    await sim.close();
    await work.remove();
  });

  /** Adds one file and returns the message the person sees. */
  async function messageFor(
    path: string,
  ): Promise<{ state: string; code?: string; message?: string }> {
    const [job] = await engine.add([path]);
    const [done] = await waitForFinal(engine, [job!.id]);
    const name = path.split('/').at(-1) ?? path;
    table.push({
      input: name.length > 40 ? `…${name.slice(-39)}` : name,
      outcome: done!.error ? `${done!.state} (${done!.error.code})` : done!.state,
      message: done!.error?.message ?? '',
    });
    return {
      state: done!.state,
      ...(done!.error ? { code: done!.error.code, message: done!.error.message } : {}),
    };
  }

  it.each([
    ['empty.wav', /empty/i],
    ['text-renamed.wav', /named like a recording|not a recording|can’t read this file/i],
    ['truncated.mp3', /incomplete|cut off|damaged/i],
    ['video-no-audio.mp4', /no sound|no audio/i],
    ['garbage.bin', /recording/i],
  ])('%s is refused before upload with a specific reason', async (name, reason) => {
    const [path] = await copyFixtures(work.path, [name]);
    const outcome = await messageFor(path!);
    expect(outcome.state).toBe('failed');
    expect(outcome.message).toMatch(reason);
  });

  it('a file over 1 GiB that is no recording is refused before anything is sent', async () => {
    const path = join(work.path, 'huge.wav');
    const handle = await open(path, 'w');
    await handle.truncate(MAX_FILE_BYTES + 1);
    await handle.close();
    const outcome = await messageFor(path);
    expect(outcome.state).toBe('failed');
    expect(outcome.message).toMatch(/can’t find any sound/);
    expect(sim.uploads().size, 'nothing was uploaded').toBe(0);
  });

  it('a recording whose sound alone would still be over 1 GiB is refused, with the size', async () => {
    // 10 h of (sparse) 24 kHz stereo 16-bit: 3.2 GiB, and even 16 kHz mono would be 1.07 GiB.
    const path = join(work.path, 'ten-hours.wav');
    await writeSparseWav(path, { rate: 24_000, channels: 2, bits: 16, seconds: 36_000 });
    const outcome = await messageFor(path);
    expect(outcome.state).toBe('failed');
    expect(outcome.message).toMatch(/about 1.1 GB, more than the 1 GB pyannoteAI accepts/);
    expect(sim.uploads().size, 'nothing was uploaded').toBe(0);
  });

  it('audio over 24 hours is refused', async () => {
    // A valid 8 kHz 8-bit mono WAV header followed by 24 h + 1 min of (sparse) silence.
    const seconds = 24 * 3600 + 60;
    const dataBytes = seconds * 8000;
    const header = Buffer.alloc(44);
    header.write('RIFF', 0, 'ascii');
    header.writeUInt32LE(36 + dataBytes, 4);
    header.write('WAVEfmt ', 8, 'ascii');
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(8000, 24);
    header.writeUInt32LE(8000, 28);
    header.writeUInt16LE(1, 32);
    header.writeUInt16LE(8, 34);
    header.write('data', 36, 'ascii');
    header.writeUInt32LE(dataBytes, 40);
    const path = join(work.path, 'all-day.wav');
    await writeFile(path, header);
    const handle = await open(path, 'r+');
    await handle.truncate(44 + dataBytes);
    await handle.close();
    expect((await messageFor(path)).message).toMatch(/24 h/);
  });

  it('an unreadable file says so', async () => {
    const [path] = await copyFixtures(work.path, ['conversation-cbr.mp3']);
    await chmod(path!, 0o000);
    // Root reads anything, so check as an ordinary user where that is possible.
    const asNobody = process.getuid?.() === 0 && typeof process.seteuid === 'function';
    if (asNobody) process.seteuid!(65534);
    try {
      const { checkRecording } = await import('../../src/core/media/preflight');
      const result = await checkRecording(path!);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/permission|access|read/i);
    } finally {
      if (asNobody) process.seteuid!(0);
    }
  });

  it('names with Unicode and spaces, very long paths and symlinks all work', async () => {
    const deep = join(
      work.path,
      ...Array.from({ length: 12 }, (_, i) => `dossier numéro ${i} — ${'x'.repeat(12)}`),
    );
    await mkdir(deep, { recursive: true });
    const [source] = await copyFixtures(work.path, ['réunion équipe.m4a']);
    const long = join(deep, 'Réunion du 3 mars — équipe 😀 (version finale).m4a');
    await writeFile(long, await readFile(source!));
    const link = join(work.path, 'lien vers réunion.m4a');
    await symlink(long, link);
    expect(long.length).toBeGreaterThan(300);
    expect((await messageFor(long)).state).toBe('succeeded');
    // The link is the same recording: read and recognised, and not sent a second time.
    const [viaLink] = await engine.add([link]);
    const [done] = await waitForFinal(engine, [viaLink!.id]);
    expect(done!.state).toBe('canceled');
    expect(done!.note).toMatch(/^Same recording as “Réunion du 3 mars/);
  });

  it('the same content under two names is sent once; different content never shares a key', async () => {
    const [a, b] = await copyFixtures(work.path, ['conversation.flac', 'conversation.ogg']);
    const copy = join(work.path, 'copy of conversation.flac');
    await writeFile(copy, await readFile(a!));
    const jobs = await engine.add([a!, copy, b!]);
    const done = await waitForFinal(
      engine,
      jobs.map((j) => j.id),
    );
    // Whichever of the two copies finishes hashing first is sent; the other points at it.
    const [first, second] = [done[0]!, done[1]!];
    const [sent, copyJob] = first.state === 'succeeded' ? [first, second] : [second, first];
    expect([sent.state, copyJob.state, done[2]!.state]).toEqual([
      'succeeded',
      'canceled',
      'succeeded',
    ]);
    expect(copyJob.duplicateOf).toBe(sent.id);
    const keys = done.map((j) => engine.get(j.id)!.mediaUrl);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});

describe('a folder with thousands of files that are not recordings', () => {
  it('offers only the recordings in it', async () => {
    const work = await tempDir('diarist-folder-');
    try {
      const folder = join(work.path, 'share');
      await mkdir(join(folder, 'sub'), { recursive: true });
      await Promise.all(
        Array.from({ length: 3000 }, (_, i) =>
          writeFile(join(folder, i % 2 ? 'sub' : '', `note-${i}.txt`), 'x'),
        ),
      );
      await copyFixtures(folder, ['conversation.wav']);
      const { FileRegistry } = await import('../../src/core/app/file-registry');
      const started = Date.now();
      const picked = await new FileRegistry([]).accept([folder]);
      expect(picked.map((p) => p.name)).toEqual(['conversation.wav']);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await work.remove();
    }
  });
});

describe('malformed IPC arguments from the page', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let services: AppServices;
  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-ipc-');
    services = await createAppServices({
      dataDir: join(work.path, 'data'),
      apiUrl: sim.baseUrl,
      version: 'test',
      shell: 'preview',
      keyStore: new MemoryKeyStore(),
      settings: new MemorySettingsStore(),
      dialogs: CANCELED_DIALOGS,
      desktop: QUIET_DESKTOP,
    });
  });
  afterAll(async () => {
    await services.close();
    await sim.close();
    await work.remove();
  });

  const huge = 'x'.repeat(5_000_000);
  const hostile: unknown[] = [
    null,
    42,
    'a string',
    [],
    { extra: true },
    { id: 7 },
    { id: huge },
    { key: huge },
    { key: 12345 },
    { paths: '/etc/passwd' },
    { paths: [huge] },
    { fileIds: [], options: {} },
    { fileIds: ['x'], options: { ...DEFAULT_DIARIZE_OPTIONS, model: 'gpt-5' } },
    { fileIds: ['x'], options: DEFAULT_DIARIZE_OPTIONS, extra: 1 },
    { fileIds: ['x'], options: DEFAULT_DIARIZE_OPTIONS, rerun: 'yes' },
    { id: 'x', format: 'pdf' },
    { id: 'x', label: 'SPEAKER_00', name: huge },
    { target: 'https://evil.example' },
    { uploadConcurrency: 1000 },
    { exportFolder: 12 },
    { __proto__: { polluted: true } },
  ];

  /**
   * The expected outcome, written by hand rather than read from the production schemas (a test
   * that asks the schema what the schema accepts passes whatever the schema says). Channels that
   * take no argument accept a missing one (`null`, sent as nothing) and an object with no own
   * keys (the `__proto__` literal only sets its prototype); `settings:update` takes a partial
   * update, so it accepts those too. Every other hostile input must be refused by every channel.
   */
  const TAKES_NOTHING = new Set<Channel>([
    'app:info',
    'key:status',
    'key:clear',
    'settings:get',
    'settings:update',
    'files:pick',
    'files:pick-folder',
    'files:pick-export-folder',
    'exports:pick-folder',
    'jobs:list',
    'jobs:status',
    'diagnostics:copy',
    'app:ready',
    'voices:list',
    'voices:consent',
    'voices:remove-all',
  ]);
  const emptyLike = new Set<unknown>([hostile[0], hostile.at(-1)]);
  /** Near misses for each channel that takes an argument: right shape, one thing wrong. */
  const nearMisses: Partial<Record<Channel, unknown[]>> = {
    'key:set': [{ key: 'short' }, { key: '        ' }, { key: 'x'.repeat(513) }],
    'settings:update': [{ uploadConcurrency: 0 }, { uploadConcurrency: 2.5 }, { theme: 'dark' }],
    'jobs:add': [
      { fileIds: [''], options: DEFAULT_DIARIZE_OPTIONS },
      { fileIds: ['x'] },
      { options: DEFAULT_DIARIZE_OPTIONS },
    ],
    'files:check': [{ fileIds: [] }, { fileIds: [''] }, { fileIds: ['x'], extra: 1 }],
    'jobs:check-batch': [
      { fileIds: [''], options: DEFAULT_DIARIZE_OPTIONS },
      { fileIds: ['x'] },
      { fileIds: ['x'], options: DEFAULT_DIARIZE_OPTIONS, extra: 1 },
    ],
    'jobs:cancel': [{ id: '' }, { id: 'x'.repeat(65) }, { id: 'x', extra: 1 }, { id: ['x'] }],
    'jobs:retry': [{ id: '' }, { id: 'x'.repeat(65) }, { id: 'x', extra: 1 }],
    'jobs:remove': [{ id: 'x' }, { id: 'x', deleteResult: 'yes' }, { deleteResult: true }],
    'jobs:show-file': [{ id: '' }, { id: 'x', extra: 1 }],
    'jobs:locate': [{ id: '' }, { id: 'x', extra: 1 }, { path: '/tmp/a.wav' }],
    'jobs:rerun': [
      { id: 'x' },
      { id: '', options: DEFAULT_DIARIZE_OPTIONS },
      { id: 'x', options: { ...DEFAULT_DIARIZE_OPTIONS, model: 'precision-9' } },
      { id: 'x', options: DEFAULT_DIARIZE_OPTIONS, extra: 1 },
    ],
    'jobs:choose-run': [{ id: '' }, { id: 'x'.repeat(65) }, { id: 'x', extra: 1 }],
    'results:get': [{ id: '' }, { id: 'x', extra: 1 }],
    'results:rename-speaker': [
      { id: 'x', label: '', name: 'Ada' },
      { id: 'x', label: 'SPEAKER_00', name: 'x'.repeat(101) },
      { id: 'x', label: 'SPEAKER_00' },
    ],
    'results:correct': [
      { id: 'x', change: { type: 'undo', extra: 1 } },
      { id: 'x', change: { type: 'edit', edit: { kind: 'merge', from: '', into: 'SPEAKER_00' } } },
      {
        id: 'x',
        change: {
          type: 'edit',
          edit: { kind: 'split', turn: { speaker: 'SPEAKER_00', start: -1, end: 2 }, at: 1 },
        },
      },
      { id: 'x', change: { type: 'edit', edit: { kind: 'move', turns: [], to: 'SPEAKER_01' } } },
      { id: 'x', change: { type: 'rewrite' } },
    ],
    'results:export': [
      { id: 'x', format: 'RTTM' },
      { id: 'x' },
      { id: 'x', format: 'txt', language: 'it' },
    ],
    'results:media-url': [{ id: '' }, { id: 'x'.repeat(65) }],
    'exports:show': [{ exportId: '' }, { exportId: 'x'.repeat(65) }, { id: 'x' }],
    'results:export-into': [
      { id: 'x', formats: [], folderId: 'f' },
      {
        id: 'x',
        formats: ['txt', 'csv', 'srt', 'vtt', 'rttm', 'json', 'docx', 'txt'],
        folderId: 'f',
      },
      { id: 'x', formats: ['pdf'], folderId: 'f' },
      { id: 'x', formats: ['txt'], folderId: '' },
      { id: 'x', formats: ['txt'] },
      { id: 'x', formats: ['txt'], folderId: 'f', path: '/etc' },
    ],
    'clipboard:write': [{ text: '' }, { text: 5 }, { text: 'x'.repeat(10_000_001) }, {}],
    'links:open': [{ target: 'https://dashboard.pyannote.ai/' }, { target: 'DOCS' }, {}],
    'voices:remember': [
      { jobId: 'x', speaker: 'SPEAKER_00', name: '   ' },
      { jobId: 'x', speaker: 'SPEAKER_00', name: 'x'.repeat(101) },
      { jobId: 'x', speaker: '', name: 'Ada' },
      { jobId: 'x', speaker: 'SPEAKER_00' },
      { jobId: 'x', speaker: 'SPEAKER_00', name: 'Ada', voiceprint: 'abc' },
    ],
    'voices:cancel-remember': [{ jobId: 'x' }, { jobId: '', speaker: 'SPEAKER_00' }],
    'voices:rename': [
      { id: 'SPEAKER_00', name: 'Ada' },
      { id: 'voice-0123456789', name: '' },
      { id: 'voice-0123456789', name: 'x'.repeat(101) },
    ],
    'voices:remove': [
      { id: 'Ada' },
      { id: 'voice-ABC12345' },
      { id: 'voice-0123456789', all: true },
    ],
  };
  const mustRefuse = (channel: Channel): unknown[] => [
    ...hostile.filter((args) => !(TAKES_NOTHING.has(channel) && emptyLike.has(args))),
    ...(nearMisses[channel] ?? []),
  ];

  it('every channel with an argument has near misses to refuse', () => {
    const withArgument = CHANNELS.filter((c) => !TAKES_NOTHING.has(c) || c === 'settings:update');
    expect(withArgument.filter((c) => !nearMisses[c])).toEqual([]);
  });

  it.each(CHANNELS)(
    '%s refuses every malformed argument with a clear answer, and nothing breaks',
    async (channel: Channel) => {
      const inputs = mustRefuse(channel);
      let refused = 0;
      let example = '';
      for (const args of inputs) {
        const reply = await invoke(services.handlers, channel, args, true);
        const what = `${channel} ${JSON.stringify(args)?.slice(0, 60)}`;
        expect(reply, what).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
        if (!reply.ok) {
          refused += 1;
          example = reply.error.message;
          expect(reply.error.message, what).toMatch(/not valid/);
          expect(reply.error.message.length, what).toBeLessThan(200);
        }
      }
      table.push({
        input: `IPC ${channel} × ${inputs.length} malformed`,
        outcome: `${refused} refused as invalid`,
        message: example,
      });
      expect(refused).toBe(inputs.length);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // The services still answer normally afterwards.
      expect(await invoke(services.handlers, 'jobs:list', undefined, true)).toEqual({
        ok: true,
        value: [],
      });
    },
  );

  it('an unknown channel and a foreign caller are refused', async () => {
    expect(await invoke(services.handlers, 'fs:read', { path: '/etc/passwd' }, true)).toMatchObject(
      { ok: false, error: { code: 'invalid-arguments' } },
    );
    expect(await invoke(services.handlers, 'jobs:list', undefined, false)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('file ids the page made up are refused', async () => {
    const reply = await invoke(
      services.handlers,
      'jobs:add',
      { fileIds: ['made-up'], options: DEFAULT_DIARIZE_OPTIONS },
      true,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('dropped paths main cannot verify are ignored, and its own data folder is never offered', async () => {
    // The page cannot name paths at all: files:dropped is no operation.
    expect(
      await invoke(services.handlers, 'files:dropped', { paths: ['/etc/passwd'] }, true),
    ).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    // What the preload's drop channel hands main is checked file by file.
    const kept = await services.acceptPaths([
      'relative/path.wav',
      join(work.path, 'missing.wav'),
      join(work.path, 'data', 'jobs.json'),
    ]);
    expect(kept).toEqual([]);
  });
});

describe('malformed or hostile API answers', () => {
  let server: Server;
  let baseUrl: string;
  let answer: (res: ServerResponse) => void = () => undefined;
  beforeAll(async () => {
    server = createServer((_req, res) => answer(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const client = () =>
    createPyannoteClient({ baseUrl, getApiKey: () => 'sk_testtesttest', timeoutMs: 2_000 });
  const json = (status: number, body: unknown) => (res: ServerResponse) =>
    res
      .writeHead(status, { 'Content-Type': 'application/json' })
      .end(typeof body === 'string' ? body : JSON.stringify(body));

  it.each([
    ['wrong types', json(200, { jobId: 123, status: ['created'] })],
    ['missing fields', json(200, { status: 'created' })],
    [
      'HTML instead of JSON',
      (res: ServerResponse) =>
        res
          .writeHead(200, { 'Content-Type': 'text/html' })
          .end('<!doctype html><h1>Maintenance</h1>'),
    ],
    ['truncated JSON', json(200, '{"jobId": "abc", "sta')],
    ['an empty body', json(200, '')],
    ['null', json(200, 'null')],
  ])('%s: a clear "could not read" error, retryable, no crash', async (name, respond) => {
    answer = respond;
    const error = await client()
      .diarize('media://diarist/x', DEFAULT_DIARIZE_OPTIONS)
      .catch((e: unknown) => e as { code: string; message: string; retryable: boolean });
    table.push({
      input: `API answer: ${name}`,
      outcome: (error as { code: string }).code,
      message: (error as unknown as Error).message,
    });
    expect(error).toMatchObject({ code: 'bad-response', retryable: true });
    expect((error as unknown as Error).message).toMatch(/could not read/);
  });

  it('a huge body is cut off rather than filling memory', async () => {
    answer = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 400 && res.write(chunk)) sent += 1;
        if (sent < 400) res.once('drain', pump);
        else res.end();
      };
      pump();
    };
    const error = await client()
      .listJobs()
      .catch((e: unknown) => e as { code: string; message: string });
    table.push({
      input: 'API answer: 400 MB body',
      outcome: (error as { code: string }).code,
      message: (error as unknown as Error).message,
    });
    expect(error).toMatchObject({ code: 'bad-response' });
    expect((error as unknown as Error).message).toMatch(/too large/);
  });

  it('a job answer with a hostile output is refused when saved, with a plain reason', async () => {
    const { normalizeResult } = await import('../../src/core/results/normalize');
    expect(() =>
      normalizeResult({
        jobId: 'j',
        serviceJobId: 's',
        source: { name: 'a.wav', sizeBytes: 1 },
        options: DEFAULT_DIARIZE_OPTIONS,
        output: { diarization: [{ speaker: 'SPEAKER_00', start: 'soon', end: {} }] },
      }),
    ).toThrow(/result/i);
  });
});
