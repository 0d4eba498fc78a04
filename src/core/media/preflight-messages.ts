/** Plain-language explanations of pre-flight rejections: what is wrong, then what to do next. */
import type { ErrorKey, ErrorParams } from '../../shared/errors';
import { describeExcess, formatBytes, formatDuration } from './human-units';

export const messages = {
  notFound: (): string =>
    'Diarist can’t find this file. It may have been moved, renamed or deleted, or the drive it ' +
    'was on is no longer connected. Check that the file is still there, then add it again.',

  folder: (): string =>
    'This is a folder, not a recording. Open the folder and add the recordings inside it instead.',

  notAFile: (): string =>
    'This is not an ordinary file (it looks like a device or another special system item), so it ' +
    'can’t be sent. Choose the recording file itself.',

  unreadable: (): string =>
    'Diarist isn’t allowed to open this file. Ask whoever manages this computer or shared drive ' +
    'to give you access, or copy the file into your own Documents folder and add the copy.',

  busy: (): string =>
    'Another program is using this file right now, so Diarist can’t read it. If the recording is ' +
    'still running or open in another program, stop or close it, then try again.',

  readFailed: (): string =>
    'Diarist couldn’t read this file from the disk or network drive. Check that the drive is ' +
    'still connected and try again; if it keeps failing, copy the file to this computer first.',

  empty: (): string =>
    'This file is empty (0 bytes), so there is nothing to send. It may not have finished copying ' +
    'or saving. Copy it again from the recorder or from where it was first saved.',

  silent: (): string =>
    'This recording contains no sound at all, so there is nothing to analyse. Check that you ' +
    'chose the right file, or copy it again from the recorder.',

  tooLarge: (sizeBytes: number, maxBytes: number): string =>
    `This file is ${describeExcess(sizeBytes, maxBytes, formatBytes)}; pyannoteAI accepts up to ` +
    `${formatBytes(maxBytes)} per file. Split the recording into shorter parts, or convert it to ` +
    'a compressed format such as MP3.',

  notAudio: (extension: string | undefined): string =>
    (extension
      ? `This file is named like a recording (.${extension}), but Diarist can’t find any sound ` +
        'in it that it can read. It may be another kind of file that was renamed, or use a ' +
        'format Diarist doesn’t know. '
      : 'Diarist can’t read this file as a recording. It may be another kind of file, such as a ' +
        'document, or use a format Diarist doesn’t know. ') +
    'Open it in a media player to check; if it plays, convert it to MP3 or WAV and add the copy.',

  noAudioTrack: (): string =>
    'This video has no sound track, so there is no speech to analyse. Check that the microphone ' +
    'was on when it was recorded, or add the file that has the meeting’s sound.',

  unknownDuration: (maxSeconds: number): string =>
    'Diarist can’t tell how long this recording is, so it can’t check it against the ' +
    `${formatDuration(maxSeconds)} limit. Convert it to MP3 or WAV (for example with Audacity ` +
    'or VLC) and add the converted copy.',

  damaged: (): string =>
    'This recording seems to be damaged, so it can’t be read. It may not have finished ' +
    'copying or saving. Copy it again from the recorder or from where it was first saved; if ' +
    'that doesn’t help, check whether it plays in a media player.',

  cutShort: (claimedSeconds: number, heldSeconds: number): string =>
    `This recording seems to be incomplete: it says it lasts ${formatDuration(claimedSeconds)}, ` +
    `but the file holds ${Math.round(heldSeconds) < 1 ? 'less than a second' : `only about ${formatDuration(heldSeconds)}`} of sound. It may not have ` +
    'finished copying or saving. Copy it again from the recorder or from where it was first saved.',

  tooLong: (durationSeconds: number, maxSeconds: number): string =>
    `This recording lasts ${describeExcess(durationSeconds, maxSeconds, formatDuration)}; ` +
    `pyannoteAI accepts up to ${formatDuration(maxSeconds)} per recording. Split it into shorter ` +
    'parts (for example with Audacity) and add each part separately.',
};

/** A refusal's words: the English message, and its key and values for the page's words. */
export interface Said {
  key: ErrorKey;
  message: string;
  params?: ErrorParams;
}

/** The messages above with their keys in the `errors` catalogue and their values. */
export const said = {
  notFound: (): Said => ({ key: 'preflight.notFound', message: messages.notFound() }),
  folder: (): Said => ({ key: 'preflight.folder', message: messages.folder() }),
  notAFile: (): Said => ({ key: 'preflight.notAFile', message: messages.notAFile() }),
  unreadable: (): Said => ({ key: 'preflight.unreadable', message: messages.unreadable() }),
  busy: (): Said => ({ key: 'preflight.busy', message: messages.busy() }),
  readFailed: (): Said => ({ key: 'preflight.readFailed', message: messages.readFailed() }),
  empty: (): Said => ({ key: 'preflight.empty', message: messages.empty() }),
  silent: (): Said => ({ key: 'preflight.silent', message: messages.silent() }),
  tooLarge: (sizeBytes: number, maxBytes: number): Said => ({
    key: 'preflight.tooLarge',
    message: messages.tooLarge(sizeBytes, maxBytes),
    params: { sizeBytes, maxBytes },
  }),
  notAudio: (extension: string | undefined): Said =>
    extension
      ? {
          key: 'preflight.notAudioNamed',
          message: messages.notAudio(extension),
          params: { extension },
        }
      : { key: 'preflight.notAudio', message: messages.notAudio(undefined) },
  noAudioTrack: (): Said => ({ key: 'preflight.noAudioTrack', message: messages.noAudioTrack() }),
  unknownDuration: (maxSeconds: number): Said => ({
    key: 'preflight.unknownDuration',
    message: messages.unknownDuration(maxSeconds),
    params: { maxSeconds },
  }),
  damaged: (): Said => ({ key: 'preflight.damaged', message: messages.damaged() }),
  cutShort: (claimedSeconds: number, heldSeconds: number): Said => ({
    key: Math.round(heldSeconds) < 1 ? 'preflight.cutShortUnderSecond' : 'preflight.cutShort',
    message: messages.cutShort(claimedSeconds, heldSeconds),
    params: { claimedSeconds, heldSeconds },
  }),
  tooLong: (durationSeconds: number, maxSeconds: number): Said => ({
    key: 'preflight.tooLong',
    message: messages.tooLong(durationSeconds, maxSeconds),
    params: { durationSeconds, maxSeconds },
  }),
};
