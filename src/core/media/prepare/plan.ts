/**
 * The decision of what to do with a recording before it is sent: pure, from the pre-flight facts.
 *
 * - A video's sound track is copied out without re-encoding when its codec fits an audio file
 *   (AAC, Opus, Vorbis, MP3, FLAC); PCM sound is made 16 kHz mono 16-bit WAV instead.
 * - Audio that is PCM and carries more than 16 kHz mono 16-bit needs (more channels, a higher
 *   rate, more bits: the bytes per second tell), or any PCM over 1 GiB, is down-mixed and resampled.
 * - Everything else that already fits goes as it is; what cannot be made to fit is refused here,
 *   before anything is read or sent.
 */
import type { ErrorKey, ErrorParams } from '../../../shared/errors';
import { MAX_DURATION_SECONDS, MAX_FILE_BYTES } from '../../../shared/limits';
import type { RecordingInfo } from '../preflight';
import { formatBytes, formatDuration } from '../human-units';

/** Why a recording cannot be made to fit; each refusal carries a plain `message`. */
export type PrepareRefusal = 'too-long' | 'still-too-large' | 'no-audio-track' | 'unsupported';

export type PreparePlan =
  | { action: 'send-as-is' }
  | {
      /** Video -> its audio track copied without re-encoding. */
      action: 'extract-audio';
      /** Stable id including a version, e.g. 'extract-copy@1:aac>m4a'. */
      recipe: string;
      estimatedBytes: number;
    }
  | {
      /** PCM audio (WAV, or PCM inside a video) -> 16-bit 16 kHz mono WAV. */
      action: 'downmix-resample';
      recipe: string;
      estimatedBytes: number;
    }
  | {
      action: 'refuse';
      reason: PrepareRefusal;
      message: string;
      /** The message's key in the `errors` catalogue and its values, for the page's words. */
      key: ErrorKey;
      params?: ErrorParams;
    };

export type PreparationStep = Exclude<PreparePlan, { action: 'send-as-is' | 'refuse' }>;

/** What the running process can do; `webCodecs` is false in plain Node (the command line). */
export interface PrepareCapabilities {
  webCodecs: boolean;
}

/** Audio codecs a copy can carry, by the kind of file the copy is written as. */
export type CopyTarget = 'm4a' | 'ogg' | 'mp3' | 'flac';

export const TARGET_RATE = 16_000;
/** Bytes per second of 16 kHz mono 16-bit PCM: what pyannoteAI listens to. */
export const TARGET_BYTES_PER_SECOND = TARGET_RATE * 2;
export const WAV_HEADER_BYTES = 44;
export const RESAMPLE_RECIPE = 'pcm-16k-mono@1';
const EXTRACT_RECIPE_VERSION = 1;

export function extractRecipe(codec: string, target: CopyTarget): string {
  return `extract-copy@${EXTRACT_RECIPE_VERSION}:${codec}>${target}`;
}

/** Parses a recipe back into what prepareRecording must do; undefined when it is not ours. */
export function parseRecipe(
  recipe: string,
): { kind: 'extract'; target: CopyTarget } | { kind: 'resample' } | undefined {
  if (recipe === RESAMPLE_RECIPE) return { kind: 'resample' };
  const match = /^extract-copy@(\d+):[a-z0-9-]+>(m4a|ogg|mp3|flac)$/.exec(recipe);
  if (!match || Number(match[1]) !== EXTRACT_RECIPE_VERSION) return undefined;
  return { kind: 'extract', target: match[2] as CopyTarget };
}

type CodecFamily = 'aac' | 'opus' | 'vorbis' | 'mp3' | 'flac' | 'pcm' | 'other';

/**
 * music-metadata's codec names as seen on real files: "MPEG-4/AAC", "OPUS", "Vorbis I",
 * "MPEG 1 Layer 3", "FLAC", "PCM", "PCM/INT/LIT" (Matroska), "non-PCM (65534)" (WAVE extensible:
 * what ffmpeg and field recorders write for 24-bit or more than 2 channels), "lpcm"/"sowt"/"raw " (QuickTime).
 */
export function codecFamily(codec: string | undefined, container: string): CodecFamily {
  const name = (codec ?? '').toLowerCase();
  if (/\baac\b|mp4a/.test(name)) return 'aac';
  if (name.includes('opus')) return 'opus';
  if (name.includes('vorbis')) return 'vorbis';
  if (/layer 3|mp3|mpeg\/l3/.test(name)) return 'mp3';
  if (name.includes('flac')) return 'flac';
  if (/pcm|lpcm|sowt|twos|in24|in32|fl32|fl64|float|^raw $/.test(name)) {
    // "non-PCM (n)" is any WAVE format tag music-metadata does not name; 65534 (extensible)
    // and 3 (IEEE float) are PCM in practice, others (ADPCM, GSM…) are not.
    if (name.startsWith('non-pcm') && !/\((65534|3)\)/.test(name)) return 'other';
    return 'pcm';
  }
  if (!codec && /wave/i.test(container)) return 'pcm';
  return 'other';
}

const COPY_TARGETS: Partial<Record<CodecFamily, CopyTarget>> = {
  aac: 'm4a',
  opus: 'ogg',
  vorbis: 'ogg',
  mp3: 'mp3',
  flac: 'flac',
};

/** An upper guess of a copied track's bytes per second, for codecs whose bitrate the info lacks. */
const GUESS_BYTES_PER_SECOND: Partial<Record<CodecFamily, number>> = {
  aac: 192_000 / 8,
  opus: 160_000 / 8,
  vorbis: 192_000 / 8,
  mp3: 320_000 / 8,
  // FLAC keeps about 60 % of 48 kHz stereo 16-bit PCM for speech.
  flac: Math.round(48_000 * 2 * 2 * 0.6),
};

export const planMessages = {
  tooLong: (seconds: number): string =>
    `This recording is ${formatDuration(seconds)} long; pyannoteAI accepts up to ` +
    `${formatDuration(MAX_DURATION_SECONDS)} per file. Split it into shorter parts (for example ` +
    'with Audacity or VLC) and add the parts.',

  stillTooLarge: (estimatedBytes: number): string =>
    `Even with only the sound kept, this recording would be about ${formatBytes(estimatedBytes)}, ` +
    `more than the ${formatBytes(MAX_FILE_BYTES)} pyannoteAI accepts per file. Split it into ` +
    'shorter parts (for example with Audacity or VLC) and add the parts.',

  stillTooLargeAsMono: (estimatedBytes: number): string =>
    `Even as 16 kHz mono sound, this recording would be about ${formatBytes(estimatedBytes)}, ` +
    `more than the ${formatBytes(MAX_FILE_BYTES)} pyannoteAI accepts per file. Split it into ` +
    'shorter parts (for example with Audacity or VLC) and add the parts.',

  unsupported: (isVideo: boolean): string =>
    (isVideo
      ? 'Diarist can’t take the sound out of this video yet, because of the format its sound is stored in. '
      : 'This recording is too large to send, and Diarist can’t make this format smaller yet. ') +
    'Convert it to WAV or MP3 first (for example with Audacity or VLC) and add the converted copy.',

  noAudioTrack: (): string =>
    'This video has no sound track, so there is no speech to analyse. Check that the microphone ' +
    'was on when it was recorded, or add the file that has the meeting’s sound.',
};

/** Pure decision from the pre-flight info (no I/O). */
export function planPreparation(info: RecordingInfo, caps: PrepareCapabilities): PreparePlan {
  if (info.durationSeconds > MAX_DURATION_SECONDS) {
    return refuse('too-long', planMessages.tooLong(info.durationSeconds), 'plan.tooLong', {
      durationSeconds: info.durationSeconds,
      maxSeconds: MAX_DURATION_SECONDS,
    });
  }
  const family = codecFamily(info.codec, info.container);
  const resampledBytes =
    Math.ceil(info.durationSeconds * TARGET_BYTES_PER_SECOND) + WAV_HEADER_BYTES;
  const resample = (): PreparePlan =>
    resampledBytes > MAX_FILE_BYTES
      ? refuse(
          'still-too-large',
          planMessages.stillTooLargeAsMono(resampledBytes),
          'plan.stillTooLargeAsMono',
          {
            estimatedBytes: resampledBytes,
            maxBytes: MAX_FILE_BYTES,
          },
        )
      : { action: 'downmix-resample', recipe: RESAMPLE_RECIPE, estimatedBytes: resampledBytes };
  // Sound that must be decoded (AC-3, ALAC, …) needs WebCodecs, which neither the main process
  // nor the command line has; decoding in a renderer worker is not built yet, so both say so.
  void caps;
  const needsDecoding = (): PreparePlan =>
    refuse(
      'unsupported',
      planMessages.unsupported(info.hasVideo),
      info.hasVideo ? 'plan.unsupportedVideo' : 'plan.unsupportedAudio',
    );

  if (info.hasVideo) {
    if (info.codec === undefined && info.sampleRate === undefined && info.channels === undefined) {
      return refuse('no-audio-track', planMessages.noAudioTrack(), 'preflight.noAudioTrack');
    }
    // PCM is made 16 kHz mono 16-bit whatever it was: never more bytes than a copy, often far fewer.
    if (family === 'pcm') return resample();
    const target = COPY_TARGETS[family];
    if (!target) return needsDecoding();
    const guess = Math.ceil(info.durationSeconds * (GUESS_BYTES_PER_SECOND[family] ?? 0));
    const estimatedBytes = Math.min(info.sizeBytes, guess);
    // Lossy codecs' real bitrate is unknown here, so only a lossless copy is refused on the guess;
    // prepareRecording checks the size it actually wrote.
    if (family === 'flac' && estimatedBytes > MAX_FILE_BYTES) {
      return refuse(
        'still-too-large',
        planMessages.stillTooLarge(estimatedBytes),
        'plan.stillTooLarge',
        {
          estimatedBytes,
          maxBytes: MAX_FILE_BYTES,
        },
      );
    }
    return { action: 'extract-audio', recipe: extractRecipe(family, target), estimatedBytes };
  }

  if (family === 'pcm') {
    const bytesPerSecond = info.sizeBytes / Math.max(info.durationSeconds, 1e-9);
    // 10 % slack for headers and metadata chunks: a 16 kHz mono 16-bit WAV goes as it is.
    const wastes =
      (info.channels ?? 1) > 1 ||
      (info.sampleRate ?? 0) > TARGET_RATE ||
      bytesPerSecond > TARGET_BYTES_PER_SECOND * 1.1;
    if (wastes || info.sizeBytes > MAX_FILE_BYTES) return resample();
    return { action: 'send-as-is' };
  }
  if (info.sizeBytes > MAX_FILE_BYTES) return needsDecoding();
  return { action: 'send-as-is' };
}

function refuse(
  reason: PrepareRefusal,
  message: string,
  key: ErrorKey,
  params?: ErrorParams,
): PreparePlan {
  return { action: 'refuse', reason, message, key, ...(params ? { params } : {}) };
}
