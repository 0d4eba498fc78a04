import { describe, expect, it } from 'vitest';
import {
  mediaContentType,
  mediaJobIdFrom,
  mediaUrlFor,
  parseRange,
  planMediaResponse,
} from '../../../src/core/protocol/media-protocol';

const JOB = '3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f';
const SIZE = 10_000_000_000; // a 10 GB recording: offsets beyond 32 bits must work

describe('media URLs', () => {
  it('round-trips a job id', () => {
    expect(mediaUrlFor(JOB)).toBe(`app://diarist/media/${JOB}`);
    expect(mediaJobIdFrom(mediaUrlFor(JOB))).toBe(JOB);
  });

  it.each([
    'app://evil/media/abc',
    'https://diarist/media/abc',
    'app://diarist/media/',
    'app://diarist/media/../index.html',
    'app://diarist/media/abc/def',
    'app://diarist/media/%2e%2e%2fsecret',
    'app://diarist/media/a b',
    `app://diarist/media/${'a'.repeat(65)}`,
    'app://diarist/index.html',
    'not a url',
  ])('finds no job in %s', (url) => {
    expect(mediaJobIdFrom(url)).toBeUndefined();
  });
});

describe('mediaContentType', () => {
  it.each([
    ['call.wav', 'audio/wav'],
    ['call.WAV', 'audio/wav'],
    ['call.mp3', 'audio/mpeg'],
    ['call.m4a', 'audio/mp4'],
    ['call.flac', 'audio/flac'],
    ['call.ogg', 'audio/ogg'],
    ['call.opus', 'audio/ogg'],
    ['call.weba', 'audio/webm'],
    ['meeting.webm', 'video/webm'],
    ['meeting.mp4', 'video/mp4'],
    ['meeting.mov', 'video/quicktime'],
    ['meeting.mkv', 'video/x-matroska'],
    ['notes.txt', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s is %s', (name, type) => {
    expect(mediaContentType(`/recordings/${name}`)).toBe(type);
  });
});

describe('parseRange', () => {
  it.each([
    ['bytes=0-', { start: 0, end: 999 }],
    ['bytes=0-0', { start: 0, end: 0 }],
    ['bytes=100-199', { start: 100, end: 199 }],
    ['bytes=500-', { start: 500, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['BYTES = 1-2', { start: 1, end: 2 }],
  ])('%s of a 1000-byte file is %o', (header, range) => {
    expect(parseRange(header, 1000)).toEqual(range);
  });

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0'])('%s is unsatisfiable', (header) => {
    expect(parseRange(header, 1000)).toBe('unsatisfiable');
  });

  it('finds nothing satisfiable in an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=-10', 0)).toBe('unsatisfiable');
  });

  it.each([
    [undefined],
    [null],
    [''],
    ['items=0-10'],
    ['bytes=0-10,20-30'],
    ['bytes=abc'],
    ['bytes=-'],
    ['bytes=20-10'],
  ])('ignores %o (the whole file is sent)', (header) => {
    expect(parseRange(header, 1000)).toBeUndefined();
  });
});

describe('planMediaResponse', () => {
  const path = '/recordings/meeting.m4a';

  it('answers a seek with 206 and the exact part of a large file', () => {
    const plan = planMediaResponse(path, SIZE, 'bytes=9000000000-');
    expect(plan.status).toBe(206);
    expect(plan.range).toEqual({ start: 9_000_000_000, end: SIZE - 1 });
    expect(plan.headers).toMatchObject({
      'Content-Type': 'audio/mp4',
      'Accept-Ranges': 'bytes',
      'Content-Range': `bytes 9000000000-${SIZE - 1}/${SIZE}`,
      'Content-Length': '1000000000',
    });
  });

  it('answers without a Range header with 200, the full length, and that ranges work', () => {
    const plan = planMediaResponse(path, 1234, undefined);
    expect(plan.status).toBe(200);
    expect(plan.range).toEqual({ start: 0, end: 1233 });
    expect(plan.headers['Content-Length']).toBe('1234');
    expect(plan.headers['Accept-Ranges']).toBe('bytes');
    expect(plan.headers['Content-Range']).toBeUndefined();
  });

  it('answers a range past the end with 416 and the real size', () => {
    const plan = planMediaResponse(path, 1234, 'bytes=2000-');
    expect(plan.status).toBe(416);
    expect(plan.range).toBeUndefined();
    expect(plan.headers['Content-Range']).toBe('bytes */1234');
  });

  it('sends an empty file with no body to read', () => {
    const plan = planMediaResponse(path, 0, undefined);
    expect(plan).toMatchObject({ status: 200, headers: { 'Content-Length': '0' } });
    expect(plan.range).toBeUndefined();
  });

  it('answers 404 when the job or its recording is gone', () => {
    expect(planMediaResponse(undefined, undefined, 'bytes=0-').status).toBe(404);
    expect(planMediaResponse(path, undefined, undefined).status).toBe(404);
  });
});
