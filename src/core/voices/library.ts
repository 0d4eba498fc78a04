/**
 * The voice library: the voices a person chose to remember, with their voiceprints, in one file
 * (`<dataDir>/voices.bin`) encrypted as a whole by the shell's SecretBox and written atomically.
 * Never plain text on disk. Changes run one at a time; the file is read on first use (in the app
 * the keychain may ask to be unlocked, which must wait for the window).
 *
 * A file that cannot be read (damaged, or sealed by a key this box does not have) is set aside
 * under a new name, never deleted, and the person is told; the command line's "another API key"
 * is said plainly instead, and the file left where it is.
 */

import { randomBytes } from 'node:crypto';
import { readFile, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { VoicesState } from '../../shared/ipc-contract';
import type { NoticeInfo } from '../../shared/note-keys';
import {
  MAX_VOICE_NAME_LENGTH,
  MAX_VOICES,
  VOICE_ID_PATTERN,
  type VoiceView,
} from '../../shared/voices';
import { DiaristError } from '../errors';
import { silentLogger, type Logger } from '../logging/logger';
import { noticeInfo } from '../notices';
import type { SecretBox } from '../app/ports';
import { ensurePrivateDir, writePrivateFileAtomic } from '../storage/files';
import { isWrongKeyError } from './aes-box';

/** A voice as the library keeps it: what the page sees, and the voiceprint itself. */
export interface VoiceRecord extends VoiceView {
  voiceprint: string;
}

interface LibraryFile {
  version: 1;
  consentedAt?: string;
  voices: VoiceRecord[];
}

const voiceRecordSchema = z.object({
  id: z.string().regex(VOICE_ID_PATTERN),
  name: z.string().min(1).max(MAX_VOICE_NAME_LENGTH),
  fromRecording: z.string(),
  fromSpeaker: z.string(),
  fromJobId: z.string().optional(),
  createdAt: z.string(),
  clipSeconds: z.number().min(0),
  model: z.string(),
  voiceprint: z.string().min(1),
});

const libraryFileSchema = z.object({
  version: z.literal(1),
  consentedAt: z.string().optional(),
  voices: z.array(voiceRecordSchema).max(MAX_VOICES),
});

type Storage = VoicesState['storage'];

export const VOICE_LIBRARY_FILE = 'voices.bin';

export interface VoiceLibraryOptions {
  file: string;
  box: SecretBox;
  logger?: Logger;
  /** Told once when a library that could not be read was set aside (for the window's notice). */
  onNotice?: (notice: NoticeInfo) => void;
  now?: () => Date;
}

const nameOf = (name: string): string => name.trim();

function noStorage(): DiaristError {
  return new DiaristError(
    'write-failed',
    'Voices cannot be saved on this computer: it offers no secure place to keep them (the same one your API key needs). Install or unlock the system’s password store, then restart Diarist.',
    { key: 'voices.noStorage' },
  );
}

function notFound(): DiaristError {
  return new DiaristError(
    'not-found',
    'This voice is no longer in the library: it may have been deleted. Open the list of voices again.',
    { key: 'voices.notFound' },
  );
}

function noName(): DiaristError {
  return new DiaristError('invalid-request', 'Give the voice a name, then try again.', {
    key: 'voices.noName',
  });
}

function noConsent(): DiaristError {
  return new DiaristError(
    'invalid-request',
    'Before the first voice is saved, confirm that the people whose voices you save have agreed to it.',
    { key: 'voices.noConsent' },
  );
}

function full(): DiaristError {
  return new DiaristError(
    'invalid-request',
    'The voice library is full. Delete voices you no longer need, then try again.',
    { key: 'voices.full' },
  );
}

const toView = ({ voiceprint: _voiceprint, ...view }: VoiceRecord): VoiceView => view;

export class VoiceLibrary {
  private data: LibraryFile = { version: 1, voices: [] };
  private storage: Storage = { ok: true };
  private setAsideAs: string | undefined;
  private loaded: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly logger: Logger;

  private constructor(private readonly options: VoiceLibraryOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Opens the library; its file is read on first use. */
  static async open(options: VoiceLibraryOptions): Promise<VoiceLibrary> {
    return new VoiceLibrary(options);
  }

  async state(): Promise<VoicesState> {
    await this.load();
    return this.currentState();
  }

  /** The person read what a voiceprint is and confirmed that the people agreed. */
  consent(): Promise<VoicesState> {
    return this.change(async (data) => {
      if (data.consentedAt) return { data: undefined, value: undefined };
      const consentedAt = this.now().toISOString();
      return { data: { ...data, consentedAt }, value: undefined };
    }).then(() => this.currentState());
  }

  async list(): Promise<VoiceView[]> {
    await this.load();
    return this.data.voices.map(toView);
  }

  add(voice: Omit<VoiceRecord, 'id' | 'createdAt'>): Promise<VoiceView> {
    return this.change(async (data) => {
      const name = nameOf(voice.name);
      if (!name || name.length > MAX_VOICE_NAME_LENGTH) throw noName();
      if (!voice.voiceprint) throw new Error('a voice needs its voiceprint');
      if (!data.consentedAt) throw noConsent();
      if (data.voices.length >= MAX_VOICES) throw full();
      const taken = new Set(data.voices.map((v) => v.id));
      let id: string;
      do id = `voice-${randomBytes(8).toString('hex')}`;
      while (taken.has(id));
      const record: VoiceRecord = {
        ...voice,
        id,
        name,
        createdAt: this.now().toISOString(),
      };
      return { data: { ...data, voices: [...data.voices, record] }, value: toView(record) };
    });
  }

  rename(id: string, name: string): Promise<VoiceView> {
    return this.change(async (data) => {
      const trimmed = nameOf(name);
      if (!trimmed || trimmed.length > MAX_VOICE_NAME_LENGTH) throw noName();
      const found = data.voices.find((voice) => voice.id === id);
      if (!found) throw notFound();
      if (found.name === trimmed) return { data: undefined, value: toView(found) };
      const renamed = { ...found, name: trimmed };
      return {
        data: { ...data, voices: data.voices.map((voice) => (voice.id === id ? renamed : voice)) },
        value: toView(renamed),
      };
    });
  }

  remove(id: string): Promise<boolean> {
    return this.change(async (data) => {
      if (!data.voices.some((voice) => voice.id === id)) return { data: undefined, value: false };
      return {
        data: { ...data, voices: data.voices.filter((voice) => voice.id !== id) },
        value: true,
      };
    });
  }

  /**
   * Deletes every voice (the agreement stays), and the libraries set aside earlier too: they hold
   * voiceprints as well, and "delete all" means all.
   */
  removeAll(): Promise<number> {
    return this.change(async (data) => {
      await this.removeSetAside();
      return { data: { ...data, voices: [] }, value: data.voices.length };
    });
  }

  /**
   * Refuses, before a voice is cut and paid for, what `add` would refuse anyway: no safe storage,
   * no agreement yet, a full library.
   */
  async assertCanAdd(): Promise<void> {
    await this.load();
    if (!this.storage.ok) throw noStorage();
    if (!this.data.consentedAt) throw noConsent();
    if (this.data.voices.length >= MAX_VOICES) throw full();
  }

  /** For identification: the voices still in the library among `ids`, in that order. */
  async voiceprints(
    ids: readonly string[],
  ): Promise<{ id: string; name: string; voiceprint: string }[]> {
    await this.load();
    const byId = new Map(this.data.voices.map((voice) => [voice.id, voice]));
    return ids.flatMap((id) => {
      const voice = byId.get(id);
      return voice ? [{ id: voice.id, name: voice.name, voiceprint: voice.voiceprint }] : [];
    });
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private currentState(): VoicesState {
    return {
      voices: this.data.voices.map(toView),
      ...(this.data.consentedAt ? { consentedAt: this.data.consentedAt } : {}),
      storage: this.storage,
      ...(this.setAsideAs ? { setAsideAs: this.setAsideAs } : {}),
    };
  }

  /**
   * One change at a time: `apply` answers the new contents (undefined: nothing to write) and the
   * value; memory follows only once the file is written.
   */
  private change<T>(
    apply: (data: LibraryFile) => Promise<{ data: LibraryFile | undefined; value: T }>,
  ): Promise<T> {
    const task = async (): Promise<T> => {
      await this.load();
      if (!this.storage.ok) throw noStorage();
      const { data, value } = await apply(this.data);
      if (data) {
        await this.write(data);
        this.data = data;
      }
      return value;
    };
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(data: LibraryFile): Promise<void> {
    let sealed: Buffer;
    try {
      sealed = await this.options.box.encrypt(JSON.stringify(data));
    } catch (error) {
      // A keychain that refuses now (locked, or only a fixed key on offer): nothing is written.
      if (error instanceof DiaristError) throw error;
      throw noStorage();
    }
    await ensurePrivateDir(dirname(this.options.file));
    await writePrivateFileAtomic(this.options.file, sealed);
  }

  private load(): Promise<void> {
    // A read that failed (a file it may not read, another API key) is tried again next time.
    this.loaded ??= this.read().catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  private async read(): Promise<void> {
    const available = await this.options.box.available().catch(() => ({
      ok: false as const,
      reason: 'The secure storage did not answer.',
    }));
    if (!available.ok) {
      // The file is left alone: voices saved while the keychain worked come back once it does.
      this.storage = available;
      return;
    }
    let sealed: Buffer;
    try {
      sealed = await readFile(this.options.file);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return;
      throw error;
    }
    let parsed: LibraryFile | undefined;
    try {
      const result = libraryFileSchema.safeParse(
        JSON.parse(await this.options.box.decrypt(sealed)),
      );
      if (result.success) parsed = result.data as LibraryFile;
    } catch (error) {
      // Locked with another API key (the command line): said plainly, the file stays as it is.
      if (isWrongKeyError(error)) throw error;
      parsed = undefined;
    }
    if (parsed) {
      this.data = parsed;
      return;
    }
    await this.setAside();
  }

  private async setAside(): Promise<void> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const movedTo = join(dirname(this.options.file), `voices.damaged-${stamp}.bin`);
    await rename(this.options.file, movedTo);
    this.setAsideAs = basename(movedTo);
    this.logger.warn('Voice library could not be read and was set aside', {
      file: this.setAsideAs,
    });
    this.options.onNotice?.(noticeInfo('notices.voicesSetAside', { movedTo }));
  }

  /** The libraries set aside before: encrypted, but voiceprints all the same. */
  private async removeSetAside(): Promise<void> {
    const folder = dirname(this.options.file);
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      if (/^voices\.damaged-[\w-]+\.bin$/.test(name)) {
        await rm(join(folder, name), { force: true });
      }
    }
    this.setAsideAs = undefined;
  }
}
