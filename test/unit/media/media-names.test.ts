/** The folder-scan allow-list; the parser still decides per file. */
import { describe, expect, it } from 'vitest';
import { isLikelyMediaName } from '../../../src/core/media/preflight';

describe('isLikelyMediaName', () => {
  it.each([
    'meeting.wav',
    'Meeting.MP3',
    'réunion équipe.m4a',
    'call.webm',
    'board.mp4',
    'interview.MOV',
    'voice note.opus',
    'C:\\Users\\anna\\Recordings\\tape.flac',
    '/home/anna/Recordings/tape.ogg',
  ])('accepts %s', (name) => {
    expect(isLikelyMediaName(name)).toBe(true);
  });

  it.each([
    'notes.txt',
    'minutes.docx',
    'wav',
    '.wav',
    'meeting.',
    '._meeting.m4a',
    '.DS_Store',
    'archive.mp3.zip',
    'Thumbs.db',
  ])('skips %s', (name) => {
    expect(isLikelyMediaName(name)).toBe(false);
  });
});
