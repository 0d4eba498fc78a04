/**
 * How the uploader talks to storage, against a scripted local storage server: what each PUT
 * carries, how every kind of refusal is told and retried, progress, stalls and cancels.
 */

import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DiaristError } from '../../src/core/errors';
import { DiaristError as Diarist } from '../../src/core/errors';
import {
  createUploader,
  type UploaderOptions,
  type UploadProgress,
} from '../../src/core/upload/uploader';
import { sourceError } from '../../src/core/upload/source-file';

interface Put {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bytes: number;
}

let server: Server;
let storageUrl: string;
let dir: string;
let file: string;
const SIZE = 300_000;
const puts: Put[] = [];
let answer: (res: ServerResponse, put: Put) => void;
let urlsAsked: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      const put = { method: req.method!, url: req.url!, headers: req.headers, bytes };
      puts.push(put);
      answer(res, put);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  storageUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  dir = await mkdtemp(join(tmpdir(), 'diarist-upload-contract-'));
  file = join(dir, 'talk.wav');
  await writeFile(file, Buffer.alloc(SIZE, 7));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  puts.length = 0;
  urlsAsked = [];
  answer = (res) => res.writeHead(200).end();
});

const status =
  (code: number, body = '') =>
  (res: ServerResponse) =>
    res.writeHead(code, { 'Content-Type': 'application/xml' }).end(body);

function uploader(options: Partial<UploaderOptions> = {}) {
  return createUploader({
    client: {
      createUploadUrl: async (mediaUrl) => {
        urlsAsked.push(mediaUrl);
        return `${storageUrl}/put/${urlsAsked.length}?X-Amz-Signature=secret`;
      },
    },
    backoff: { baseMs: 4, maxMs: 8 },
    random: () => 0,
    ...options,
  });
}

async function failure(action: Promise<unknown>): Promise<DiaristError> {
  try {
    await action;
  } catch (error) {
    return error as DiaristError;
  }
  throw new Error('expected the upload to fail');
}

describe('a PUT to storage', () => {
  it('streams the whole file as bytes, with its length and never the API key', async () => {
    await uploader().upload({ path: file, mediaUrl: 'media://diarist/a' });
    expect(urlsAsked).toEqual(['media://diarist/a']);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ method: 'PUT', url: '/put/1?X-Amz-Signature=secret' });
    expect(puts[0]!.bytes).toBe(SIZE);
    expect(puts[0]!.headers['content-type']).toBe('application/octet-stream');
    expect(puts[0]!.headers['content-length']).toBe(String(SIZE));
    expect(puts[0]!.headers.authorization).toBeUndefined();
  });

  it('any 2xx that received every byte is done', async () => {
    answer = status(204);
    await uploader().upload({ path: file, mediaUrl: 'media://diarist/b' });
    answer = status(299);
    await uploader().upload({ path: file, mediaUrl: 'media://diarist/b' });
    expect(puts).toHaveLength(2);
  });
});

describe('refusals', () => {
  it.each([403, 408, 429, 500, 503])(
    'HTTP %i: refused for now, retried with a fresh link each time, then given up',
    async (code) => {
      answer = status(code, '<Error><Code>SlowDown</Code></Error>');
      const retries: [string, number, number][] = [];
      const error = await failure(
        uploader({ maxAttempts: 3 }).upload({
          path: file,
          mediaUrl: 'media://diarist/c',
          onRetry: (e, next, delay) => retries.push([e.code, next, delay]),
        }),
      );
      expect(puts.map((p) => p.url.split('?')[0])).toEqual(['/put/1', '/put/2', '/put/3']);
      // Equal-jitter backoff with no randomness: half of 4 ms, then half of 8 ms.
      expect(retries).toEqual([
        ['upload-rejected', 2, 2],
        ['upload-rejected', 3, 4],
      ]);
      expect(error).toMatchObject({
        code: 'upload-rejected',
        retryable: true,
        detail: `PUT <pre-signed upload URL> answered HTTP ${code} (SlowDown) after ${SIZE} of ${SIZE} bytes`,
      });
      expect(error.message).toBe(
        `The upload failed 3 times. pyannoteAI storage refused the upload for now (HTTP ${code}). Diarist will try again with a fresh upload link. You can retry the job later; nothing was lost.`,
      );
    },
  );

  it('tries five times unless told otherwise', async () => {
    answer = status(500);
    await failure(uploader().upload({ path: file, mediaUrl: 'media://diarist/d' }));
    expect(puts).toHaveLength(5);
  });

  it.each([
    [
      400,
      '<Error><Code>EntityTooLarge</Code></Error>',
      '(HTTP 400, EntityTooLarge)',
      ' (EntityTooLarge)',
    ],
    [413, 'too big', '(HTTP 413)', ''],
    [307, '', '(HTTP 307)', ''],
  ])('HTTP %i: the file itself is refused, not retried', async (code, body, shown, inDetail) => {
    answer = status(code, body);
    const error = await failure(uploader().upload({ path: file, mediaUrl: 'media://diarist/e' }));
    expect(puts).toHaveLength(1);
    expect(error).toMatchObject({
      code: 'upload-rejected',
      retryable: false,
      status: code,
      detail: `PUT <pre-signed upload URL> answered HTTP ${code}${inDetail} after ${SIZE} of ${SIZE} bytes`,
    });
    expect(error.message).toBe(
      `pyannoteAI storage refused the file ${shown}. Retry; if it is refused again, copy the diagnostics (Settings) and send them to pyannoteAI support.`,
    );
  });

  it('an error from asking for the link is retried, or passed on when it cannot be', async () => {
    let calls = 0;
    const flaky = createUploader({
      client: {
        createUploadUrl: async () => {
          calls += 1;
          if (calls === 1)
            throw new Diarist('server-error', 'pyannoteAI had a problem.', {
              retryable: true,
              retryAfterMs: 20,
            });
          return `${storageUrl}/put/ok`;
        },
      },
      backoff: { baseMs: 4, maxMs: 8 },
      random: () => 0,
    });
    const delays: number[] = [];
    await flaky.upload({
      path: file,
      mediaUrl: 'media://diarist/f',
      onRetry: (_e, _n, delay) => delays.push(delay),
    });
    // The service's own wait wins over a shorter backoff.
    expect(delays).toEqual([20]);
    const refusing = createUploader({
      client: {
        createUploadUrl: async () => {
          throw new Diarist('unauthorized', 'Bad key.');
        },
      },
    });
    expect(
      await failure(refusing.upload({ path: file, mediaUrl: 'media://diarist/f' })),
    ).toMatchObject({ code: 'unauthorized', message: 'Bad key.' });
  });
});

describe('progress, stalls and cancels', () => {
  it('reports from 0 to the size, at most once per interval, the last one always', async () => {
    const events: UploadProgress[] = [];
    await uploader({ progressIntervalMs: 60_000, readChunkBytes: 16 * 1024 }).upload({
      path: file,
      mediaUrl: 'media://diarist/g',
      onProgress: (p) => events.push(p),
    });
    expect(events).toEqual([
      { sentBytes: 0, totalBytes: SIZE, attempt: 1 },
      { sentBytes: SIZE, totalBytes: SIZE, attempt: 1 },
    ]);
    const every: UploadProgress[] = [];
    await uploader({ progressIntervalMs: 0, readChunkBytes: 16 * 1024 }).upload({
      path: file,
      mediaUrl: 'media://diarist/g',
      onProgress: (p) => every.push(p),
    });
    expect(every.length).toBeGreaterThan(SIZE / (16 * 1024));
    expect(every.map((p) => p.sentBytes)).toEqual(
      [...every.map((p) => p.sentBytes)].sort((a, b) => a - b),
    );
  });

  it('starts progress again on a retry, with the attempt number', async () => {
    let first = true;
    answer = (res) => {
      res.writeHead(first ? 503 : 200).end();
      first = false;
    };
    const events: UploadProgress[] = [];
    await uploader({ progressIntervalMs: 60_000 }).upload({
      path: file,
      mediaUrl: 'media://diarist/h',
      onProgress: (p) => events.push(p),
    });
    expect(events.map((p) => [p.attempt, p.sentBytes])).toEqual([
      [1, 0],
      [2, 0],
      [2, SIZE],
    ]);
  });

  it('gives up on storage that stops answering, and says so', async () => {
    answer = () => undefined;
    const error = await failure(
      uploader({ stallTimeoutMs: 150, maxAttempts: 1 }).upload({
        path: file,
        mediaUrl: 'media://diarist/i',
      }),
    );
    server.closeAllConnections();
    expect(error).toMatchObject({
      code: 'timeout',
      retryable: true,
      detail: 'PUT <pre-signed upload URL> stalled for 150 ms',
    });
    expect(error.message).toBe(
      'The upload failed 1 times. pyannoteAI storage stopped responding during the upload. Diarist will try again. You can retry the job later; nothing was lost.',
    );
  });

  it('a canceled upload asks for no link, and a cancel during the backoff stops it', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(
      (
        await failure(
          uploader().upload({
            path: file,
            mediaUrl: 'media://diarist/j',
            signal: controller.signal,
          }),
        )
      ).code,
    ).toBe('canceled');
    expect(urlsAsked).toEqual([]);
    answer = status(503);
    const later = new AbortController();
    const pending = failure(
      uploader({ backoff: { baseMs: 60_000, maxMs: 60_000 } }).upload({
        path: file,
        mediaUrl: 'media://diarist/j',
        signal: later.signal,
        onRetry: () => later.abort(),
      }),
    );
    expect((await pending).code).toBe('canceled');
    expect(puts).toHaveLength(1);
  });
});

describe('the recording on disk', () => {
  it('gone or unreadable: told in words, never retried', async () => {
    const gone = await failure(
      uploader().upload({ path: join(dir, 'nope.wav'), mediaUrl: 'media://diarist/k' }),
    );
    expect(gone).toMatchObject({ code: 'source-missing', retryable: false, detail: 'ENOENT' });
    expect(puts).toEqual([]);
    expect(sourceError({ code: 'ENOTDIR' }).code).toBe('source-missing');
    expect(sourceError({ code: 'EACCES' })).toMatchObject({
      code: 'source-unreadable',
      retryable: false,
      detail: 'EACCES',
      message:
        'Diarist cannot read the recording. Check that the file is not open in another program and that you have access to it.',
    });
    expect(sourceError(new Error('x')).detail).toBe('open failed');
    expect(sourceError(null).code).toBe('source-unreadable');
    const own = new Diarist('canceled', 'Canceled.');
    expect(sourceError(own)).toBe(own);
  });

  it('changed in size or time since it was checked: refused; unchanged: sent', async () => {
    const { mtimeMs, size } = await import('node:fs/promises').then((fs) => fs.stat(file));
    for (const expected of [
      { sizeBytes: size + 1, mtimeMs },
      { sizeBytes: size, mtimeMs: mtimeMs + 5 },
      { sizeBytes: size, mtimeMs: mtimeMs - 5 },
    ]) {
      const error = await failure(
        uploader().upload({ path: file, mediaUrl: 'media://diarist/l', expected }),
      );
      expect(error).toMatchObject({ code: 'source-changed', retryable: false });
    }
    expect(puts).toEqual([]);
    await uploader().upload({
      path: file,
      mediaUrl: 'media://diarist/l',
      expected: { sizeBytes: size, mtimeMs: mtimeMs + 1 },
    });
    expect(puts).toHaveLength(1);
  });
});
