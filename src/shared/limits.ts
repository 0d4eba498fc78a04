/** Service limits and API facts that every process agrees on (from the pyannoteAI reference). */

/** Largest file the service accepts for diarization: 1 GiB. */
export const MAX_FILE_BYTES = 1024 ** 3;

/** Longest recording the service accepts for diarization: 24 hours. */
export const MAX_DURATION_SECONDS = 24 * 60 * 60;

/** Documented request budget per team: 100 requests per minute. */
export const API_REQUESTS_PER_MINUTE = 100;

/** Uploaded media stays at the service at least this long (the docs say 24 to 48 hours). */
export const MEDIA_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Job outputs are deleted this long after the job completes. */
export const OUTPUT_RETENTION_MS = 24 * 60 * 60 * 1000;

/** A `media://` URL may be at most this long, scheme included. */
export const MEDIA_URL_MAX_LENGTH = 255;

export const DEFAULT_API_URL = 'https://api.pyannote.ai';
