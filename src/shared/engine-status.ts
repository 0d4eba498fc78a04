/** What the engine is waiting for, in words, for the app's banner and the command's stderr. */

export type EngineWaitKind = 'rate-limit' | 'offline' | 'service' | 'storage';

export interface EngineWait {
  kind: EngineWaitKind;
  /** Plain words: what it waits for and until when, e.g. "pyannoteAI's request limit: resuming in 52 s." */
  message: string;
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
