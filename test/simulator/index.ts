/** Entry point of the pyannoteAI simulator: starts the HTTP server and returns its inspection handle. */

import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Socket } from 'node:net';
import { resolveOptions } from './defaults';
import { FaultInjector } from './faults';
import { JobStore } from './jobs';
import { MediaStore, toUploadInfo } from './media-store';
import { RateLimiter } from './rate-limiter';
import { requestListener } from './server';
import type { SimState } from './state';
import type { RequestFilter, RequestLogEntry, Simulator, SimulatorInit } from './types';

export type {
  FaultRule,
  JobInfo,
  JobKind,
  JobRequestInfo,
  JobStatus,
  RateLimitOptions,
  RequestFilter,
  RequestLogEntry,
  RequestOutcome,
  Simulator,
  SimulatorInit,
  SimulatorOptions,
  Timing,
  UploadInfo,
} from './types';
export {
  COULD_NOT_LOAD,
  NO_SPEECH,
  PROCESSING_ERROR,
  VOICEPRINT_MAX_SECONDS,
  VOICEPRINT_TOO_LONG,
} from './jobs';
export { fixturePath, fixtureTurns, readFixture } from './fixture-voices';
export type { FixtureVoice, TruthTurn, VoiceFixture } from './fixture-voices';
export { decodeVoiceprint } from './listen';
export { makeWav, sliceWav } from './wav';

function matches(entry: RequestLogEntry, filter: RequestFilter): boolean {
  return (
    (filter.route === undefined || entry.route === filter.route) &&
    (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
    (filter.status === undefined || entry.status === filter.status) &&
    (filter.outcome === undefined || entry.outcome === filter.outcome) &&
    (filter.since === undefined || entry.at >= filter.since)
  );
}

/** Starts a simulator on 127.0.0.1 (a random port unless `port` is given). */
export async function startSimulator(init: SimulatorInit = {}): Promise<Simulator> {
  const { tls, ...rest } = init;
  const options = resolveOptions(rest);
  let skewMs = 0;
  const closing = new AbortController();
  const media = new MediaStore();
  const shared = {
    options,
    clock: () => options.now() + skewMs,
    baseUrl: '',
    media,
    limiter: new RateLimiter(),
    faults: new FaultInjector(options.seed),
    log: [] as RequestLogEntry[],
    counters: { diarizePosts: 0, uploadsInFlight: 0 },
    closing: closing.signal,
  };
  const state: SimState = Object.assign(shared, { jobs: new JobStore(shared) });

  const server = tls
    ? createTlsServer({ key: tls.key, cert: tls.cert }, requestListener(state))
    : createServer(requestListener(state));
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the simulator holds a test key and must never be reachable from the network.
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('simulator has no port');
  state.baseUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${address.port}`;

  let closed: Promise<void> | undefined;
  const settledNow = (): number => {
    const now = state.clock();
    state.jobs.settle(now);
    return now;
  };

  return {
    baseUrl: state.baseUrl,
    port: address.port,
    get apiKey() {
      return options.apiKey;
    },
    options,
    now: state.clock,
    advanceTime(ms) {
      skewMs += ms;
    },
    jobs() {
      const now = settledNow();
      return state.jobs.list().map((job) => state.jobs.info(job, now));
    },
    job(id) {
      const now = settledNow();
      const job = state.jobs.get(id);
      return job && state.jobs.info(job, now);
    },
    get diarizePosts() {
      return state.counters.diarizePosts;
    },
    get uploadsInFlight() {
      return state.counters.uploadsInFlight;
    },
    uploads(team = 0) {
      const now = settledNow();
      return new Map(media.liveUploads(team, now).map((u) => [u.key, toUploadInfo(u)]));
    },
    uploadedBytes(key, team = 0) {
      return media.live(team, key, settledNow())?.bytes;
    },
    requestLog() {
      return state.log.map((entry) => ({ ...entry }));
    },
    countRequests(filter = {}) {
      return state.log.filter((entry) => matches(entry, filter)).length;
    },
    addFault(rule) {
      options.faults.push(rule);
      return rule;
    },
    clearFaults() {
      options.faults.length = 0;
    },
    faultHits(rule) {
      return state.faults.hitsOf(rule);
    },
    cancelJob(id) {
      const now = settledNow();
      const job = state.jobs.get(id);
      return job ? state.jobs.cancel(job, now) : false;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
