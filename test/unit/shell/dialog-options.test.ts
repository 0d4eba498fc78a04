import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  exportDialogOptions,
  folderDialogOptions,
  recordingsDialogOptions,
} from '../../../src/main/dialog-options';

describe('recordingsDialogOptions', () => {
  it('lets the person pick many files at once, not folders', () => {
    const options = recordingsDialogOptions('darwin');
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
  });

  it('shows audio and video first, and still offers every file', () => {
    const [first, , , last] = recordingsDialogOptions('win32').filters!;
    expect(first!.name).toBe('Audio and video');
    expect(first!.extensions).toEqual(
      expect.arrayContaining(['wav', 'mp3', 'm4a', 'flac', 'ogg', 'mp4', 'mov', 'webm']),
    );
    expect(first!.extensions.every((ext) => !ext.startsWith('.'))).toBe(true);
    expect(last).toEqual({ name: 'All files', extensions: ['*'] });
  });

  it('opens in the folder it is given, else where the system chooses', () => {
    expect(recordingsDialogOptions('darwin', '/home/ana/Calls').defaultPath).toBe(
      '/home/ana/Calls',
    );
    expect(recordingsDialogOptions('darwin')).not.toHaveProperty('defaultPath');
  });

  it('matches upper-case names on Linux, where GTK filters are case-sensitive', () => {
    expect(recordingsDialogOptions('linux').filters![0]!.extensions).toEqual(
      expect.arrayContaining(['wav', 'WAV', 'm4a', 'M4A']),
    );
    expect(recordingsDialogOptions('darwin').filters![0]!.extensions).not.toContain('WAV');
  });
});

describe('folderDialogOptions', () => {
  it('picks one folder', () => {
    expect(folderDialogOptions().properties).toEqual(['openDirectory']);
    expect(folderDialogOptions()).not.toHaveProperty('defaultPath');
    expect(folderDialogOptions('/home/ana/Calls').defaultPath).toBe('/home/ana/Calls');
  });
});

describe('exportDialogOptions', () => {
  it('opens in the chosen export folder with the suggested name', () => {
    const options = exportDialogOptions('meeting.srt', '/home/ana/Exports', '/home/ana/Documents');
    expect(options.defaultPath).toBe(join('/home/ana/Exports', 'meeting.srt'));
    expect(options.filters![0]).toEqual({ name: 'SRT file', extensions: ['srt'] });
    expect(options.properties).toContain('showOverwriteConfirmation');
  });

  it('opens where the last export went when no export folder is set', () => {
    expect(
      exportDialogOptions('meeting.csv', '', '/home/ana/Documents', '/home/ana/Out').defaultPath,
    ).toBe(join('/home/ana/Out', 'meeting.csv'));
    expect(
      exportDialogOptions('meeting.csv', '/home/ana/Exports', '/d', '/home/ana/Out').defaultPath,
    ).toBe(join('/home/ana/Exports', 'meeting.csv'));
  });

  it('falls back to Documents before an export folder is set', () => {
    expect(exportDialogOptions('meeting.csv', '', '/home/ana/Documents').defaultPath).toBe(
      join('/home/ana/Documents', 'meeting.csv'),
    );
  });
});
