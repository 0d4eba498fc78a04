/**
 * The page's English words for what the core reports are the core's English message, for every
 * message the core can produce: both are built from the same parameters and compared, so the
 * catalogue (src/shared/i18n/locales/en/errors.json) and the core cannot drift apart. Messages
 * written as plain text in the core's source are read from it; the others are made by the core's
 * own functions.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invoke, invokeWith, type Handlers } from '../../../src/core/app/invoke';
import { toErrorInfo, type DiaristError } from '../../../src/core/errors';
import {
  resultExpired,
  serviceFailure,
  serviceLostJob,
  submitUnconfirmed,
} from '../../../src/core/jobs/messages';
import { describeWaits, type WaitInputs } from '../../../src/core/jobs/waits';
import { said } from '../../../src/core/media/preflight-messages';
import {
  checkFreeSpace,
  prepareMessages,
  readFailure,
  writeFailure,
} from '../../../src/core/media/prepare/output-file';
import { planPreparation } from '../../../src/core/media/prepare/plan';
import type { RecordingInfo } from '../../../src/core/media/preflight';
import { createPyannoteClient } from '../../../src/core/pyannote/client';
import { errorFromStatus, errorFromTransport } from '../../../src/core/pyannote/http-errors';
import { chosenFileError, writeError } from '../../../src/core/storage/files';
import { assertUnchanged, sourceError } from '../../../src/core/upload/source-file';
import { createUploader, storageRejection } from '../../../src/core/upload/uploader';
import { errorWords, waitWords, type Reported } from '../../../src/renderer/error-words';
import { MAX_EDITS } from '../../../src/shared/corrections';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { SavedResult } from '../../../src/shared/result';
import { chooseClipRanges } from '../../../src/core/voices/clip';
import { voiceprintFailed } from '../../../src/core/voices/remember';
import type { EngineWait } from '../../../src/shared/engine-status';
import { ERROR_KEYS, WAIT_KEYS } from '../../../src/shared/error-keys';
import type { ErrorParams } from '../../../src/shared/errors';
import type { JobRecord } from '../../../src/shared/jobs';
import { LANGUAGES } from '../../../src/shared/i18n/languages';
import { startSimulator, type Simulator } from '../../simulator';
import { errorsContext, testI18n } from '../renderer/jobs-i18n';

const context = errorsContext;
const en = context('en');

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const covered = new Set<string>();

/** The page's words equal the core's, in English; the other languages say something else. */
function expectSameWords(reported: Reported, key: string): void {
  expect(reported.key, reported.message).toBe(key);
  covered.add(key);
  expect(errorWords(en, reported)).toBe(reported.message);
  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    const words = errorWords(context(language), reported);
    expect(words, `${language}:${key}`).not.toBe(reported.message);
    expect(words, `${language}:${key}`).not.toMatch(/\{\{|\}\}/);
  }
}

const info = (facts: Partial<RecordingInfo>): RecordingInfo => ({
  path: '/r/a.wav',
  resolvedPath: '/r/a.wav',
  name: 'a.wav',
  sizeBytes: 100 * MIB,
  mtimeMs: 0,
  durationSeconds: 3600,
  container: 'WAVE',
  codec: 'PCM',
  hasVideo: false,
  ...facts,
});

function refusal(facts: Partial<RecordingInfo>): Reported {
  const plan = planPreparation(info(facts), { webCodecs: false });
  if (plan.action !== 'refuse') throw new Error(`expected a refusal, got ${plan.action}`);
  return plan;
}

describe('the page says what the core says (English)', () => {
  it('for what pyannoteAI reports about a job', () => {
    expectSameWords(serviceFailure('Could not load audio', 'j1'), 'job.serviceCouldNotRead');
    expectSameWords(
      serviceFailure('Could not load audio', 'j1', { name: 'a.wav', container: 'wav' }),
      'job.serviceCouldNotReadWav',
    );
    expectSameWords(serviceFailure('boom', 'j1'), 'job.serviceFailed');
    expectSameWords(resultExpired('j1'), 'job.resultExpired');
    expectSameWords(serviceLostJob('j1'), 'job.serviceLostJob');
    expectSameWords(submitUnconfirmed(2), 'job.submitUnconfirmed');
  });

  it("for the API's answers", () => {
    const status = (code: number, data: unknown = {}, headers = {}) =>
      errorFromStatus('POST /v1/diarize', code, data, headers).toInfo();
    expectSameWords(status(400), 'api.invalidRequest');
    expectSameWords(
      status(422, { errors: [{ field: 'numSpeakers', message: 'must be at most 20' }] }),
      'api.invalidRequestFields',
    );
    expectSameWords(status(401), 'api.unauthorized');
    expectSameWords(status(402), 'api.paymentRequired');
    expectSameWords(status(403), 'api.forbidden');
    expectSameWords(status(404), 'api.notFound');
    expectSameWords(status(407), 'api.proxySignIn');
    expectSameWords(status(429, {}, { 'retry-after': '10' }), 'api.rateLimited');
    expectSameWords(status(503), 'api.serverError');
    expectSameWords(status(418), 'api.unexpectedStatus');
  });

  it('for a request that got no answer, from the API or its storage', () => {
    const targets = [
      ['pyannoteAI', 'api'],
      ['pyannoteAI storage', 'storage'],
    ] as const;
    for (const [what, target] of targets) {
      const transport = (code: string) =>
        errorFromTransport('GET /v1/jobs', Object.assign(new Error('x'), { code }), what).toInfo();
      expectSameWords(transport('ETIMEDOUT'), `transport.${target}.timeout`);
      expectSameWords(transport('ERR_FR_MAX_BODY_LENGTH_EXCEEDED'), `transport.${target}.tooLarge`);
      expectSameWords(transport('SELF_SIGNED_CERT_IN_CHAIN'), `transport.${target}.untrusted`);
      expectSameWords(transport('ECONNREFUSED'), `transport.${target}.unreachable`);
      expectSameWords(transport('EWHATEVER'), `transport.${target}.failed`);
    }
    const canceled = Object.assign(new Error('x'), { name: 'AbortError' });
    expectSameWords(errorFromTransport('GET /v1/jobs', canceled).toInfo(), 'other.canceled');
  });

  it("for storage's answers to an upload", () => {
    const rejection = (status: number, body = '', sent = 10) =>
      storageRejection(status, body, sent, 10).toInfo();
    expectSameWords(rejection(200, '', 5), 'upload.incomplete');
    expectSameWords(rejection(400, '<Code>RequestTimeout</Code>'), 'upload.storageTimedOut');
    expectSameWords(rejection(503), 'upload.refusedForNow');
    expectSameWords(rejection(415), 'upload.refusedFile');
    expectSameWords(rejection(400, '<Code>InvalidArgument</Code>'), 'upload.refusedFileCode');
  });

  it('for a recording that moved, cannot be read or changed', () => {
    expectSameWords(sourceError({ code: 'ENOENT' }).toInfo(), 'source.missing');
    expectSameWords(sourceError({ code: 'EACCES' }).toInfo(), 'source.unreadable');
    let changed: DiaristError | undefined;
    try {
      assertUnchanged({ size: 2, mtimeMs: 0 }, { sizeBytes: 1, mtimeMs: 0 });
    } catch (error) {
      changed = error as DiaristError;
    }
    expectSameWords(changed!.toInfo(), 'source.changed');
  });

  it('for every refusal of the check before sending, with its sizes and lengths', () => {
    expectSameWords(said.notFound(), 'preflight.notFound');
    expectSameWords(said.folder(), 'preflight.folder');
    expectSameWords(said.notAFile(), 'preflight.notAFile');
    expectSameWords(said.unreadable(), 'preflight.unreadable');
    expectSameWords(said.busy(), 'preflight.busy');
    expectSameWords(said.readFailed(), 'preflight.readFailed');
    expectSameWords(said.empty(), 'preflight.empty');
    expectSameWords(said.silent(), 'preflight.silent');
    expectSameWords(said.tooLarge(1.5 * GIB, GIB), 'preflight.tooLarge');
    // Over the limit by less than rounding shows: "just over 1 GB".
    expectSameWords(said.tooLarge(GIB + 1, GIB), 'preflight.tooLarge');
    expect(said.tooLarge(GIB + 1, GIB).message).toContain('just over 1 GB');
    expectSameWords(said.notAudio('mp3'), 'preflight.notAudioNamed');
    expectSameWords(said.notAudio(undefined), 'preflight.notAudio');
    expectSameWords(said.noAudioTrack(), 'preflight.noAudioTrack');
    expectSameWords(said.unknownDuration(24 * 3600), 'preflight.unknownDuration');
    expectSameWords(said.damaged(), 'preflight.damaged');
    expectSameWords(said.cutShort(3725, 65), 'preflight.cutShort');
    expectSameWords(said.cutShort(15, 0.3), 'preflight.cutShortUnderSecond');
    expectSameWords(said.tooLong(25 * 3600 + 60, 24 * 3600), 'preflight.tooLong');
    expectSameWords(said.tooLong(24 * 3600 + 0.2, 24 * 3600), 'preflight.tooLong');
  });

  it('for what cannot be prepared to fit', () => {
    expectSameWords(refusal({ durationSeconds: 25 * 3600 }), 'plan.tooLong');
    expectSameWords(
      refusal({ durationSeconds: 10 * 3600, sizeBytes: 4 * GIB, channels: 2, sampleRate: 48000 }),
      'plan.stillTooLargeAsMono',
    );
    expectSameWords(
      refusal({
        hasVideo: true,
        codec: 'FLAC',
        container: 'Matroska',
        durationSeconds: 8 * 3600,
        sizeBytes: 6 * GIB,
        sampleRate: 48000,
      }),
      'plan.stillTooLarge',
    );
    expectSameWords(
      refusal({ hasVideo: true, codec: 'AC-3', container: 'MPEG-4', sampleRate: 48000 }),
      'plan.unsupportedVideo',
    );
    expectSameWords(
      refusal({ codec: 'AC-3', container: 'AC3', sizeBytes: 2 * GIB }),
      'plan.unsupportedAudio',
    );
    const noSound = refusal({
      hasVideo: true,
      codec: undefined,
      sampleRate: undefined,
      channels: undefined,
      container: 'MPEG-4',
    });
    expectSameWords(noSound, 'preflight.noAudioTrack');
  });

  describe('for preparing only the sound', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'diarist-words-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('with the space it needs and the space there is', async () => {
      const full = await checkFreeSpace(dir, 1e18).catch((e: unknown) => e);
      expectSameWords((full as DiaristError).toInfo(), 'prepare.diskFull');
      expectSameWords(
        writeFailure(join(dir, 'x.wav'), { code: 'ENOSPC' }).toInfo(),
        'prepare.diskFullWhileWriting',
      );
      expectSameWords(
        writeFailure(join(dir, 'x.wav'), { code: 'EIO' }).toInfo(),
        'prepare.cannotWrite',
      );
      expectSameWords(readFailure({ code: 'ENOENT' }).toInfo(), 'prepare.missing');
      expectSameWords(readFailure(new Error('bad header')).toInfo(), 'prepare.unreadable');
    });
  });

  it('for a file that cannot be saved, with the folder it names', () => {
    const at = '/home/someone/Reports/minutes.srt';
    const chosen = (code: string, path = at) => chosenFileError(path, { code }).toInfo();
    expectSameWords(chosen('ENOSPC'), 'save.diskFull');
    expectSameWords(chosen('EROFS'), 'save.readOnly');
    expectSameWords(chosen('EACCES'), 'save.notAllowed');
    expectSameWords(chosen('ENOENT'), 'save.folderGone');
    // No folder name to show: "the folder you chose", in the page's language too.
    expectSameWords(chosen('EROFS', '/minutes.srt'), 'save.readOnly');
    expectSameWords(chosen('EIO'), 'save.failed');
    expectSameWords(
      writeError('/data/jobs.json', { code: 'ENOSPC' }).toInfo(),
      'save.dataDiskFull',
    );
    expectSameWords(writeError('/data/jobs.json', { code: 'EIO' }).toInfo(), 'save.dataFailed');
  });

  it("for the page's calls to main", async () => {
    const handlers = {} as Handlers;
    const reply = async (promise: Promise<{ ok: boolean; error?: Reported }>) => {
      const answer = await promise;
      if (answer.ok || !answer.error) throw new Error('expected a refusal');
      return answer.error;
    };
    expectSameWords(
      await reply(invoke(handlers, 'no:such', {}, true) as never),
      'calls.unknownOperation',
    );
    expectSameWords(
      await reply(invoke(handlers, 'jobs:list', {}, false) as never),
      'calls.forbidden',
    );
    const broken = async () => {
      throw new Error('boom');
    };
    expectSameWords(
      await reply(invokeWith(z.object({}), broken, {}, true) as never),
      'calls.internal',
    );
    expectSameWords(
      await reply(invokeWith(z.object({ id: z.string() }), broken, { id: 3 }, true) as never),
      'calls.invalid',
    );
    expectSameWords(toErrorInfo(new TypeError('x is undefined')), 'other.unexpected');
  });

  it('for a result with too many corrections', () => {
    covered.add('results.tooManyEdits');
    expect(
      errorWords(en, { message: '', key: 'results.tooManyEdits', params: { max: MAX_EDITS } }),
    ).toBe(
      `This result already has ${MAX_EDITS} corrections, the most Diarist keeps. Undo some, or go back to pyannoteAI’s result, to make more.`,
    );
  });
});

describe('the page says what the core says, for known voices', () => {
  it('for a speaker with too little speech alone, and a voiceprint the service refused', () => {
    const result = {
      formatVersion: 1,
      jobId: 'j',
      serviceJobId: 's',
      source: { name: 'a.wav', sizeBytes: 1 },
      options: DEFAULT_DIARIZE_OPTIONS,
      savedAt: '2025-01-01T00:00:00.000Z',
      segments: [{ speaker: 'A', start: 0, end: 2.9 }],
      speakers: [{ label: 'A', totalSeconds: 2.9, turnCount: 1 }],
      speakerNames: {},
    } satisfies SavedResult;
    let refused: DiaristError | undefined;
    try {
      chooseClipRanges(result, 'A');
    } catch (error) {
      refused = error as DiaristError;
    }
    expectSameWords(refused!.toInfo(), 'voices.tooLittleSpeech');
    expectSameWords(
      voiceprintFailed('More than one speaker.', 'voiceprint job failed').toInfo(),
      'voices.serviceFailedSaid',
    );
  });
});

describe('the page says what the core says, for an upload that fails (simulator)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('when storage stops responding, and after the last attempt', async () => {
    const client = createPyannoteClient({ baseUrl: sim.baseUrl, getApiKey: () => sim.apiKey });
    sim.addFault({ kind: 'slow', method: 'PUT', delayMs: 3_000, times: 2 });
    const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'conversation.wav');
    const retried: Reported[] = [];
    const uploader = createUploader({
      client,
      backoff: { baseMs: 5, maxMs: 20 },
      stallTimeoutMs: 200,
      maxAttempts: 2,
    });
    const failure = await uploader
      .upload({
        path: fixture,
        mediaUrl: 'media://diarist/words',
        onRetry: (error) => retried.push(error.toInfo()),
      })
      .catch((e: unknown) => e as DiaristError);
    expectSameWords(retried[0]!, 'upload.stalled');
    expectSameWords((failure as DiaristError).toInfo(), 'upload.failedTimes');
  });
});

describe('the waits the engine tells about', () => {
  const job = (name: string, state: JobRecord['state'] = 'waiting') =>
    ({ state, source: { name } }) as JobRecord;
  const now = 1_000_000;
  const waits = (input: Partial<WaitInputs>): EngineWait[] =>
    describeWaits({ now, rateLimitedUntil: 0, jobs: [], ...input });

  function expectSameWait(wait: EngineWait | undefined, key: string): void {
    expect(wait?.key).toBe(key);
    covered.add(key);
    expect(waitWords(en, wait!)).toBe(wait!.message);
    // Counted from the moment the wait ends, at the moment the engine wrote it: the same words.
    expect(waitWords(en, wait!, now)).toBe(wait!.message);
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      const words = waitWords(context(language), wait!);
      expect(words).not.toBe(wait!.message);
      expect(words).not.toMatch(/\{\{|\}\}/);
    }
  }

  it('in seconds, minutes or "shortly", with the recordings held up', () => {
    const one = [job('a.wav')];
    const two = [job('a.wav'), job('b.wav', 'uploading')];
    const five = ['a', 'b', 'c', 'd', 'e'].map((n) => job(`${n}.wav`));
    expectSameWait(waits({ rateLimitedUntil: now + 52_000 })[0], 'waits.rateLimit');
    expectSameWait(waits({ rateLimitedUntil: now + 400_000, jobs: one })[0], 'waits.rateLimit');
    expectSameWait(
      waits({ api: { cause: 'offline', retryAt: now + 5_000 }, jobs: five })[0],
      'waits.offline',
    );
    expectSameWait(
      waits({ api: { cause: 'offline', retryAt: undefined }, jobs: two })[0],
      'waits.offline',
    );
    expectSameWait(waits({ api: { cause: 'service', retryAt: now - 1 } })[0], 'waits.service');
    expectSameWait(
      waits({ api: { cause: 'service', retryAt: now + 119_000 }, jobs: one })[0],
      'waits.service',
    );
    expectSameWait(
      waits({ storage: { cause: 'offline', retryAt: now + 9_000 }, jobs: two })[0],
      'waits.storageOffline',
    );
    expectSameWait(
      waits({ storage: { cause: 'refused', retryAt: now + 130_000 }, jobs: five })[0],
      'waits.storageRefused',
    );
  });
});

/**
 * Messages the core writes as plain text: read from its source, with the key beside them.
 * Each `new DiaristError(code, 'text' + 'more', { …, key: '…' })` whose text has no values
 * (and the page's `new ApiError(…)`, the same way).
 */
/** Where the call that `text` is inside of ends: its first unmatched ")". */
function closingParen(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')') {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return text.length;
}

async function plainMessagesInSource(): Promise<Map<string, string[]>> {
  // The sources as written: under mutation testing this runs in Stryker's sandbox, whose copies
  // of the mutated modules are instrumented and no longer read as `new DiaristError('…', …)`.
  const root = join(import.meta.dirname, '..', '..', '..', 'src').replace(
    /[\\/]\.stryker-tmp[\\/]sandbox-[^\\/]+/,
    '',
  );
  const constants: Record<string, string> = { STORAGE: 'pyannoteAI storage' };
  const found = new Map<string, string[]>();
  const files: string[] = [];
  for (const folder of ['core', 'main']) {
    for (const entry of await readdir(join(root, folder), { recursive: true })) {
      if (entry.endsWith('.ts')) files.push(join(root, folder, entry));
    }
  }
  // The page's own door to main says one thing itself: that main cannot be reached.
  files.push(join(root, 'renderer', 'api.ts'));
  const literal = /^\s*(?:'([^'\\]*)'|`([^`\\]*)`|prepareMessages\.(\w+)\(\))\s*/;
  for (const file of files) {
    const source = await readFile(file, 'utf8');
    for (const start of source.matchAll(/new (?:DiaristError|ApiError)\(\s*'[^']+',/g)) {
      let rest = source.slice(start.index + start[0].length);
      const parts: string[] = [];
      for (;;) {
        const match = literal.exec(rest);
        if (!match) break;
        const [, quoted, template, named] = match;
        if (named !== undefined) {
          parts.push((prepareMessages as unknown as Record<string, () => string>)[named]!());
        } else if (template !== undefined) {
          const filled = template.replace(
            /\$\{(\w+)\}/g,
            (whole, name: string) => constants[name] ?? whole,
          );
          if (filled.includes('${')) {
            parts.length = 0;
            break;
          }
          parts.push(filled);
        } else parts.push(quoted ?? '');
        rest = rest.slice(match[0].length);
        if (!rest.startsWith('+')) break;
        rest = rest.slice(1);
      }
      if (parts.length === 0 || !/^[,)]/.test(rest)) continue;
      // The init object, when there is one, up to the call's closing parenthesis.
      const init = rest.startsWith(',') ? rest.slice(0, closingParen(rest)) : '';
      const key = /key: '([\w.]+)'/.exec(init)?.[1];
      if (!key || /params/.test(init)) continue;
      found.set(key, [...(found.get(key) ?? []), parts.join('')]);
    }
  }
  return found;
}

describe('messages the core writes as plain text', () => {
  it('are the English catalogue, word for word', async () => {
    const plain = await plainMessagesInSource();
    expect(plain.size).toBeGreaterThan(20);
    for (const [key, messages] of plain) {
      for (const message of messages) {
        expect(errorWords(en, { message: '', key }), key).toBe(message);
        covered.add(key);
      }
    }
  });

  it('and with the cases above, every key the core has is checked', () => {
    const missing = [...ERROR_KEYS, ...WAIT_KEYS].filter((key) => !covered.has(key));
    expect(missing).toEqual([]);
  });
});

describe('the English catalogue', () => {
  it('has every key the core can send', () => {
    for (const key of [...ERROR_KEYS, ...WAIT_KEYS]) {
      const text = testI18n.getFixedT('en', 'errors')(key);
      expect(typeof text === 'string' && text !== key, key).toBe(true);
    }
  });

  it('keeps the values a message carries as placeholders', () => {
    const params: ErrorParams = { sizeBytes: 1.5 * GIB, maxBytes: GIB };
    expect(errorWords(en, { message: '', key: 'preflight.tooLarge', params })).toContain(
      'This file is 1.5 GB; pyannoteAI accepts up to 1 GB per file.',
    );
  });
});
