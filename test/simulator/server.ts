/** The request pipeline: log, faults, then the API (auth, rate limit, 402, body) or the object store. */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { notFound } from './api-routes';
import { apiError, json, readSmallBody, validationError, writeResponse } from './http-io';
import type { SimResponse } from './http-io';
import { handleDownload, handleUpload, objectStoreFault } from './object-store';
import type { Handled } from './object-store';
import { loggablePath, matchRoute } from './router';
import type { RouteMatch } from './router';
import { MAX_LOG_ENTRIES, teamOf } from './state';
import type { SimState } from './state';
import type { FaultRule, RequestLogEntry } from './types';

/** JSON bodies beyond this are refused; 50 voiceprints of 20 000 characters fit well below it. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

const FAULT_MESSAGES: Record<number, string> = {
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

function faultResponse(
  state: SimState,
  match: RouteMatch,
  rule: Extract<FaultRule, { kind: 'status' }>,
): SimResponse {
  const status = state.faults.statusOf(rule);
  let response: SimResponse;
  if (rule.body !== undefined) {
    response =
      typeof rule.body === 'string'
        ? { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: rule.body }
        : json(status, rule.body);
  } else if (match.area === 'upload' || match.area === 'download') {
    response = objectStoreFault(status);
  } else {
    response = apiError(status, FAULT_MESSAGES[status] ?? 'Error');
  }
  if (rule.headers !== undefined)
    return { ...response, headers: { ...response.headers, ...rule.headers } };
  // A storm of 429s looks like the real limiter unless the rule spells out its own headers.
  if (status === 429 && match.area === 'api') {
    response.headers['X-RateLimit-Remaining'] = '0';
    if (state.options.retryAfterHeader) response.headers['Retry-After'] = '1';
  }
  return response;
}

function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'] ?? '';
  return /^application\/([\w.+-]+\+)?json\b/i.test(type);
}

async function handleApi(
  state: SimState,
  req: IncomingMessage,
  method: string,
  match: Extract<RouteMatch, { area: 'api' }>,
  query: URLSearchParams,
): Promise<Handled> {
  const key = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  const team = key === undefined ? undefined : teamOf(state.options, key);
  if (key === undefined || team === undefined)
    return apiError(401, key === undefined ? 'Missing API key' : 'Invalid API key');

  // The limit is the team's: every key of it, every connection and every computer share it.
  const rate = state.limiter.take(`team-${team}`, state.clock(), state.options);
  if (!rate.allowed) return apiError(429, 'Too many requests', rate.headers);
  const withRate = (response: SimResponse): SimResponse => ({
    ...response,
    headers: { ...response.headers, ...rate.headers },
  });
  if (state.options.mode402) return withRate(apiError(402, 'Subscription is required'));

  let body: unknown;
  if (method === 'POST' && match.handler !== notFound) {
    const read = await readSmallBody(req, MAX_JSON_BYTES);
    if (read.kind === 'aborted' || read.kind === 'reset') return 'aborted';
    if (read.kind === 'too-large')
      return withRate(validationError([{ field: 'body', message: 'body is too large' }]));
    if (!isJson(req))
      return withRate(
        validationError([{ field: 'body', message: 'Content-Type must be application/json' }]),
      );
    try {
      body = JSON.parse(read.bytes.toString('utf8'));
    } catch {
      return withRate(validationError([{ field: 'body', message: 'body must be valid JSON' }]));
    }
  }

  const now = state.clock();
  // Decide started jobs before expired media is forgotten.
  state.jobs.settle(now);
  state.media.sweep(now);
  return withRate(match.handler({ state, team, method, body, query, params: match.params, now }));
}

async function handle(
  state: SimState,
  req: IncomingMessage,
  res: ServerResponse,
  entry: RequestLogEntry,
): Promise<void> {
  const method = entry.method;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const match = matchRoute(method, url.pathname);
  entry.route = match.name;
  if (match.name === 'POST /v1/diarize') state.counters.diarizePosts++;
  entry.path = loggablePath(match, url.pathname);

  const decision = state.faults.decide(state.options.faults, method, url.pathname);
  const rule = decision.rule;
  if (rule) entry.fault = rule.kind;
  if (decision.delayMs > 0 && !(await pause(decision.delayMs, state.closing))) {
    entry.outcome = 'aborted';
    return;
  }
  if (rule?.kind === 'reset' && (rule.afterBytes === undefined || match.area !== 'upload')) {
    // Outside uploads a byte-counted reset waits for that much body (or all of it) first.
    if (rule.afterBytes !== undefined) await readSmallBody(req, MAX_JSON_BYTES, rule.afterBytes);
    req.socket.destroy();
    entry.outcome = 'reset';
    return;
  }
  if (rule?.kind === 'status') {
    const response = faultResponse(state, match, rule);
    entry.status = response.status;
    writeResponse(res, response);
    return;
  }

  let handled: Handled;
  if (match.area === 'upload') {
    handled = await handleUpload(state, req, match.token, {
      resetAfterBytes: rule?.kind === 'reset' ? rule.afterBytes : undefined,
      stallAfterBytes: rule?.kind === 'stall' ? rule.afterBytes : undefined,
    });
  } else if (match.area === 'download') {
    handled = handleDownload(state, method, match.token);
  } else if (match.area === 'api') {
    handled = await handleApi(state, req, method, match, url.searchParams);
  } else {
    handled = apiError(404, 'Not found');
  }
  if (handled === 'reset' || handled === 'aborted') {
    entry.outcome = handled;
    return;
  }
  entry.status = handled.status;
  if (rule?.kind === 'drop-after-handling') {
    // The effect happened (job created, upload stored) but the answer never reaches the client.
    req.socket.destroy();
    entry.outcome = 'dropped';
    return;
  }
  writeResponse(res, handled);
}

export function requestListener(
  state: SimState,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const entry: RequestLogEntry = {
      at: state.clock(),
      method: (req.method ?? 'GET').toUpperCase(),
      path: '',
      route: 'unknown',
      status: null,
      outcome: 'answered',
    };
    state.log.push(entry);
    if (state.log.length > MAX_LOG_ENTRIES) state.log.splice(0, state.log.length - MAX_LOG_ENTRIES);
    const isUpload = entry.method === 'PUT' && (req.url ?? '').startsWith('/_upload/');
    if (isUpload) entry.uploadsInFlight = state.counters.uploadsInFlight++;
    handle(state, req, res, entry)
      .finally(() => {
        if (isUpload) state.counters.uploadsInFlight--;
      })
      .catch((error: unknown) => {
        // Only the route pattern is printed: paths may carry pre-signed tokens.
        console.error(`simulator: internal error on ${entry.route}:`, error);
        if (res.headersSent || res.destroyed) {
          req.socket.destroy();
          return;
        }
        const response = apiError(500, 'Internal server error');
        entry.status = response.status;
        writeResponse(res, response);
      });
  };
}
