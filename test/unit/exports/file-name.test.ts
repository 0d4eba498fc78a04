import { describe, expect, it } from 'vitest';
import { fileNameFor } from '../../../src/core/exports';
import { EXPORT_FORMATS } from '../../../src/shared/result';

const named = (name: string) => ({ source: { name, sizeBytes: 1 } });

describe('fileNameFor', () => {
  it('swaps the extension for each format', () => {
    expect(EXPORT_FORMATS.map((f) => fileNameFor(named('Team sync.m4a'), f))).toEqual([
      'Team sync.rttm',
      'Team sync.json',
      'Team sync.csv',
      'Team sync.srt',
      'Team sync.vtt',
      'Team sync.txt',
      'Team sync.docx',
    ]);
  });

  it.each([
    ['réunion équipe.m4a', 'réunion équipe.srt'],
    ['re\u0301union.m4a', 'réunion.srt'],
    ['C:\\Users\\me\\call.wav', 'call.srt'],
    ['/home/me/call.backup.wav', 'call.backup.srt'],
    ['a<b>c:d"e|f?g*h.wav', 'a_b_c_d_e_f_g_h.srt'],
    ['line\nbreak\u0007.mp3', 'line_break_.srt'],
    ['evil\u202Egpj.exe.wav', 'evilgpj.exe.srt'],
    ['.hidden.wav', 'hidden.srt'],
    ['.wav', 'wav.srt'],
    ['trailing. .wav', 'trailing.srt'],
    ['CON.wav', '_CON.srt'],
    ['lpt1.backup.wav', '_lpt1.backup.srt'],
    ['noext', 'noext.srt'],
    ['', 'diarist-result.srt'],
    ['???.wav', 'diarist-result.srt'],
    ['...', 'diarist-result.srt'],
  ])('makes %j safe as %j', (source, expected) => {
    expect(fileNameFor(named(source), 'srt')).toBe(expected);
  });

  it('keeps long names within file-system limits without splitting a character', () => {
    const name = fileNameFor(named(`${'👩‍💻'.repeat(100)}.wav`), 'json');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith('.json')).toBe(true);
    expect(name).not.toContain('\uFFFD');
    expect(Buffer.from(name).toString()).toBe(name);
  });
});
