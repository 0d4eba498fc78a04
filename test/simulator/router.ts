/** Maps a method and pathname to the area (API, object store, other) and handler that serve it. */

import {
  getJob,
  listJobs,
  mediaInput,
  mediaOutput,
  notFound,
  submitJob,
  testKey,
} from './api-routes';
import type { ApiHandler } from './api-routes';

export type RouteMatch =
  | { area: 'api'; name: string; handler: ApiHandler; params: Record<string, string> }
  | { area: 'upload' | 'download'; name: string; token: string }
  | { area: 'other'; name: string };

interface ApiRoute {
  method: string;
  segments: string[];
  handler: ApiHandler;
}

function route(method: string, pattern: string, handler: ApiHandler): ApiRoute {
  return { method, segments: pattern.split('/').filter(Boolean), handler };
}

const API_ROUTES: ApiRoute[] = [
  route('GET', '/v1/test', testKey),
  route('POST', '/v1/media/input', mediaInput),
  route('POST', '/v1/media/output', mediaOutput),
  route('POST', '/v1/diarize', submitJob('diarize')),
  route('POST', '/v1/identify', submitJob('identify')),
  route('POST', '/v1/voiceprint', submitJob('voiceprint')),
  route('GET', '/v1/jobs/{jobId}', getJob),
  route('GET', '/v2/jobs', listJobs),
];

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes simply match no job
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] ?? '';
    const got = actual[i] ?? '';
    if (want.startsWith('{') && want.endsWith('}')) params[want.slice(1, -1)] = decoded(got);
    else if (want !== got) return undefined;
  }
  return params;
}

export function matchRoute(method: string, pathname: string): RouteMatch {
  const object = /^\/_(upload|download)\/([^/]+)$/.exec(pathname);
  if (object) {
    const area = object[1] === 'upload' ? 'upload' : 'download';
    return { area, name: `${method} /_${area}/:token`, token: object[2] ?? '' };
  }
  const segments = pathname.split('/').filter(Boolean);
  for (const candidate of API_ROUTES) {
    if (candidate.method !== method) continue;
    const params = matchSegments(candidate.segments, segments);
    if (params) {
      return {
        area: 'api',
        name: `${method} /${candidate.segments.join('/')}`,
        handler: candidate.handler,
        params,
      };
    }
  }
  // Unknown API paths (GET /v1/media, any DELETE, …) still need a key, then answer 404.
  if (segments[0] === 'v1' || segments[0] === 'v2')
    return { area: 'api', name: 'unknown', handler: notFound, params: {} };
  return { area: 'other', name: 'unknown' };
}

/** The pathname as logged: pre-signed tokens never leave the simulator. */
export function loggablePath(match: RouteMatch, pathname: string): string {
  return match.area === 'upload' || match.area === 'download' ? `/_${match.area}/:token` : pathname;
}
