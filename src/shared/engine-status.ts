/** What the engine is waiting for, in words, for the app's banner and the command's stderr. */

import type { WaitKey } from './error-keys';

export type EngineWaitKind = 'rate-limit' | 'offline' | 'service' | 'storage';

export interface EngineWait {
  kind: EngineWaitKind;
  /** Plain words: what it waits for and until when, e.g. "pyannoteAI's request limit: resuming in 52 s." */
  message: string;
  /**
   * The same in the page's words: the message's key in the `errors` catalogue, and how long the
   * wait was, in seconds, when the message was written (absent: "shortly"). The names are `files`.
   */
  key: WaitKey;
  params?: { waitSeconds?: number };
  /** When work resumes or is tried again (epoch ms), when known. */
  untilMs?: number;
  /** The recordings held up by it (file names only). */
  files: string[];
}

/** The engine stopped trying because nothing moved forward for too long (the command's --give-up-after). */
export interface EngineGaveUp {
  message: string;
  /** How long nothing moved forward. */
  idleMs: number;
}
