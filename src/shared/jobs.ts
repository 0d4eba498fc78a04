/** A job: one recording sent with one set of options, from pre-flight check to saved result. */

import type { DiarizeOptions } from './diarize-options';
import type { ErrorInfo, ErrorParams } from './errors';
import type { NoteKey, ReasonInfo } from './note-keys';

/**
 * checking → waiting → uploading → submitting → queued → processing → succeeded | failed | canceled.
 * `queued` and `processing` are the service's pending/created and running.
 */
export const JOB_STATES = [
  'checking',
  'waiting',
  'uploading',
  'submitting',
  'queued',
  'processing',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type JobState = (typeof JOB_STATES)[number];

export const FINAL_STATES: ReadonlySet<JobState> = new Set(['succeeded', 'failed', 'canceled']);

export function isFinalState(state: JobState): boolean {
  return FINAL_STATES.has(state);
}

export interface JobSource {
  /** Absolute path on this computer; only the main process ever opens it. */
  path: string;
  name: string;
  sizeBytes: number;
  mtimeMs: number;
  durationSeconds?: number;
  container?: string;
}

export interface JobProgress {
  /** `preparing`: only the sound is being taken out on this computer (bytes of the original read). */
  phase: 'preparing' | 'hashing' | 'sending';
  doneBytes: number;
  totalBytes: number;
}

export interface JobRecord {
  id: string;
  /**
   * Grows by one with every change (live progress included), so a reader holding two copies can
   * tell which is newer; timestamps cannot, two changes often share a millisecond.
   */
  revision: number;
  /** Jobs added together; used for "batch finished" notices. */
  batchId: string;
  createdAt: string;
  updatedAt: string;
  state: JobState;
  source: JobSource;
  options: DiarizeOptions;
  /**
   * What the check decided must be done on this computer before sending: take the sound out of a
   * video, or make oversized audio 16 kHz mono. Absent when the recording is sent as it is.
   */
  preparation?: {
    action: 'extract-audio' | 'downmix-resample';
    recipe: string;
    estimatedBytes: number;
  };
  /**
   * The prepared file (under the data folder's prepared/ cache), once written. It is what is
   * hashed and uploaded; `offsetSeconds` is added to the service's times when the result is saved.
   */
  prepared?: {
    /** Relative to the data folder. */
    file: string;
    recipe: string;
    sizeBytes: number;
    offsetSeconds: number;
    durationSeconds: number;
    mimeType: string;
  };
  /** Content hash and the `media://` key derived from it, once known (of the prepared file, if any). */
  sha256?: string;
  mediaUrl?: string;
  /**
   * Written before the POST /v1/diarize (or /v1/identify) is sent: if the answer is lost, the engine looks for the
   * job at the service instead of submitting again. `serverTimeMs` is the service's clock.
   */
  submitIntent?: { atMs: number; serverTimeMs: number; deadlineServerTimeMs: number };
  /**
   * "Recognise known voices": the voices sent with the job (those still in the library when it
   * was sent), by id, with their names at that moment. The saved result names matched speakers
   * from these when the library no longer has a voice (deleted meanwhile); only ids are sent.
   */
  recognisedVoices?: { id: string; name: string }[];
  serviceJobId?: string;
  serviceStatus?: string;
  /** When the service created the job, by the service's clock (ISO 8601). */
  serviceCreatedAt?: string;
  /** When Diarist first saw the job at the service in a final state. */
  finishedAt?: string;
  /** Saved result, relative to the data folder. */
  resultFile?: string;
  warning?: string;
  error?: ErrorInfo;
  /** Why tracking stopped early, told to the person (e.g. canceled while the service runs it). */
  note?: string;
  /**
   * The note by its key in the `jobs` catalogue and its values, for the page's words (`note` is
   * the English); `noteReason` is an error's words inside it. Set and cleared with `note`. Notes
   * saved by an older version have none: the page then recognises the English.
   */
  noteKey?: NoteKey;
  noteParams?: ErrorParams;
  noteReason?: ReasonInfo;
  /**
   * Set when this job was not sent because another job (this id) has the same recording and
   * options, under way or done: the same content is billed once. The job itself is canceled.
   */
  duplicateOf?: string;
  /**
   * When the person pointed the job at its recording's new place ("Locate file…", the same
   * recording moved or renamed); cleared by Retry, which checks the file there again.
   */
  relocatedAt?: string;
  /** Added deliberately to run again although a result with the same options exists. */
  rerun?: boolean;
  /**
   * A run of another job's recording ("Try other settings"): the id of the recording's first
   * run, which every later run names too, so one field groups them all.
   */
  runOf?: string;
  /** On a recording's first run: which of its runs is the recording's result (absent: this one). */
  chosenRun?: string;
  /**
   * For a run of another job's recording, how its sound reached pyannoteAI: the earlier upload
   * reused (`reused`), or sent again because the service no longer kept it (`uploaded`).
   */
  sentAgain?: 'reused' | 'uploaded';
  /** Live upload progress; never written to disk. */
  progress?: JobProgress;
}
