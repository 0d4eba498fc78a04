/**
 * Says in words what the engine is waiting for and until when: the request limit, the network,
 * pyannoteAI itself or its storage, and which recordings are held up. The app shows these in its
 * banner, the command prints them on stderr, so a wait is never silent.
 */

import type { EngineWait } from '../../shared/engine-status';
import { isFinalState, type JobRecord } from '../../shared/jobs';

export type ApiTrouble = 'offline' | 'service';
export type StorageTrouble = 'offline' | 'refused';

export interface WaitInputs {
  now: number;
  rateLimitedUntil: number;
  api?: { cause: ApiTrouble; retryAt: number | undefined };
  storage?: { cause: StorageTrouble; retryAt: number | undefined };
  jobs: readonly JobRecord[];
}

const MAX_NAMES = 3;

/** "a.wav", "a.wav and b.wav", "a.wav, b.wav, c.wav and 2 more". */
export function nameList(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** "in 52 s", "in 3 min", or "shortly" when the moment is unknown or has come. */
export function inTime(untilMs: number | undefined, now: number): string {
  if (untilMs === undefined || untilMs <= now) return 'shortly';
  const seconds = Math.max(1, Math.ceil((untilMs - now) / 1000));
  return seconds < 120 ? `in ${seconds} s` : `in ${Math.round(seconds / 60)} min`;
}

/** The seconds `inTime` counts, for the page's words; none when it says "shortly". */
export function waitParams(untilMs: number | undefined, now: number): EngineWait['params'] {
  if (untilMs === undefined || untilMs <= now) return undefined;
  return { waitSeconds: Math.max(1, Math.ceil((untilMs - now) / 1000)) };
}

export function describeWaits(input: WaitInputs): EngineWait[] {
  const { now } = input;
  const open = input.jobs.filter((job) => !isFinalState(job.state) && job.state !== 'checking');
  const names = (jobs: readonly JobRecord[]) => jobs.map((job) => job.source.name);
  const waits: EngineWait[] = [];
  const held = (files: string[]) => (files.length > 0 ? ` Waiting: ${nameList(files)}.` : '');
  const params = (untilMs: number | undefined) => {
    const values = waitParams(untilMs, now);
    return values ? { params: values } : {};
  };
  if (input.rateLimitedUntil > now) {
    waits.push({
      kind: 'rate-limit',
      message: `pyannoteAI's request limit: resuming ${inTime(input.rateLimitedUntil, now)}.`,
      key: 'waits.rateLimit',
      ...params(input.rateLimitedUntil),
      untilMs: input.rateLimitedUntil,
      files: names(open),
    });
  }
  if (input.api) {
    const files = names(open);
    const what =
      input.api.cause === 'offline'
        ? 'No connection to pyannoteAI'
        : 'pyannoteAI has a problem on its side';
    waits.push({
      kind: input.api.cause,
      message: `${what}: trying again ${inTime(input.api.retryAt, now)}.${held(files)}`,
      key: input.api.cause === 'offline' ? 'waits.offline' : 'waits.service',
      ...params(input.api.retryAt),
      ...(input.api.retryAt !== undefined ? { untilMs: input.api.retryAt } : {}),
      files,
    });
  }
  if (input.storage) {
    const files = names(open.filter((job) => job.state === 'waiting' || job.state === 'uploading'));
    if (files.length > 0) {
      const what =
        input.storage.cause === 'offline'
          ? `Cannot reach pyannoteAI's storage service to upload ${nameList(files)}`
          : `pyannoteAI's storage service refused the upload of ${nameList(files)} for now`;
      waits.push({
        kind: 'storage',
        message: `${what}: trying again ${inTime(input.storage.retryAt, now)}.`,
        key: input.storage.cause === 'offline' ? 'waits.storageOffline' : 'waits.storageRefused',
        ...params(input.storage.retryAt),
        ...(input.storage.retryAt !== undefined ? { untilMs: input.storage.retryAt } : {}),
        files,
      });
    }
  }
  return waits;
}

/** Two lists say the same thing (same kinds, same files, same moments to the second). */
export function sameWaits(a: readonly EngineWait[], b: readonly EngineWait[]): boolean {
  const key = (waits: readonly EngineWait[]) =>
    JSON.stringify(
      waits.map((w) => [
        w.kind,
        w.files,
        w.untilMs === undefined ? 0 : Math.ceil(w.untilMs / 1000),
      ]),
    );
  return key(a) === key(b);
}
