import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretBox } from '../../../src/core/app/ports';
import { apiKeySecretBox, memorySecretBox } from '../../../src/core/voices/aes-box';
import { VoiceLibrary, type VoiceRecord } from '../../../src/core/voices/library';
import type { NoticeInfo } from '../../../src/shared/note-keys';
import { MAX_VOICES, VOICE_ID_PATTERN } from '../../../src/shared/voices';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diarist-voices-'));
  file = join(dir, 'voices.bin');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const VOICEPRINT = 'vp-AAAABBBBCCCCDDDD-secret-print';
const voice = (name = 'Anna Schmidt'): Omit<VoiceRecord, 'id' | 'createdAt'> => ({
  name,
  voiceprint: VOICEPRINT,
  fromRecording: 'meeting.wav',
  fromSpeaker: 'SPEAKER_01',
  fromJobId: 'job-1',
  clipSeconds: 21.5,
  model: 'precision-2',
});

async function consented(box: SecretBox, notices?: NoticeInfo[]): Promise<VoiceLibrary> {
  const library = await VoiceLibrary.open({
    file,
    box,
    ...(notices ? { onNotice: (n: NoticeInfo) => void notices.push(n) } : {}),
  });
  await library.consent();
  return library;
}

describe('the voice library', () => {
  it('adds, lists, renames and removes voices, and a new process reads them back', async () => {
    const box = memorySecretBox();
    const library = await consented(box);
    const anna = await library.add(voice('  Anna Schmidt  '));
    expect(anna.id).toMatch(VOICE_ID_PATTERN);
    expect(anna.name).toBe('Anna Schmidt');
    expect(anna).not.toHaveProperty('voiceprint');
    const ben = await library.add(voice('Ben'));
    expect(ben.id).not.toBe(anna.id);
    expect((await library.list()).map((v) => v.name)).toEqual(['Anna Schmidt', 'Ben']);
    expect(await library.rename(ben.id, ' Benjamin ')).toMatchObject({
      id: ben.id,
      name: 'Benjamin',
    });

    // Read again from the file, as after a restart (the same box: the same keychain).
    const again = await VoiceLibrary.open({ file, box });
    const state = await again.state();
    expect(state.storage).toEqual({ ok: true });
    expect(state.consentedAt).toEqual(expect.any(String));
    expect(state.voices.map((v) => v.name)).toEqual(['Anna Schmidt', 'Benjamin']);
    expect(JSON.stringify(state)).not.toContain(VOICEPRINT);
    expect(await again.voiceprints([ben.id, 'voice-gone0000', anna.id])).toEqual([
      { id: ben.id, name: 'Benjamin', voiceprint: VOICEPRINT },
      { id: anna.id, name: 'Anna Schmidt', voiceprint: VOICEPRINT },
    ]);
    expect(await again.remove(anna.id)).toBe(true);
    expect(await again.remove(anna.id)).toBe(false);
    await expect(again.rename(anna.id, 'X')).rejects.toMatchObject({ key: 'voices.notFound' });
    expect((await VoiceLibrary.open({ file, box }).then((l) => l.list())).map((v) => v.id)).toEqual(
      [ben.id],
    );
  });

  it('is never plain text on disk', async () => {
    const library = await consented(memorySecretBox());
    await library.add(voice('Anna Schmidt'));
    const bytes = await readFile(file);
    expect(bytes.includes('Anna Schmidt')).toBe(false);
    expect(bytes.includes(VOICEPRINT)).toBe(false);
    expect(bytes.includes('voiceprint')).toBe(false);
  });

  it('removes every voice at once, and keeps the agreement', async () => {
    const library = await consented(memorySecretBox());
    await library.add(voice('A'));
    await library.add(voice('B'));
    expect(await library.removeAll()).toBe(2);
    const state = await library.state();
    expect(state.voices).toEqual([]);
    expect(state.consentedAt).toBeDefined();
    expect(await library.removeAll()).toBe(0);
  });

  it('asks for the agreement before the first voice, once', async () => {
    const library = await VoiceLibrary.open({ file, box: memorySecretBox() });
    expect((await library.state()).consentedAt).toBeUndefined();
    await expect(library.add(voice())).rejects.toMatchObject({ key: 'voices.noConsent' });
    const first = (await library.consent()).consentedAt;
    expect(first).toBeDefined();
    expect((await library.consent()).consentedAt).toBe(first);
    await library.add(voice());
  });

  it('refuses an empty name and holds at most MAX_VOICES voices', async () => {
    const library = await consented(memorySecretBox());
    await expect(library.add(voice('   '))).rejects.toMatchObject({ key: 'voices.noName' });
    const made = await library.add(voice('A'));
    await expect(library.rename(made.id, ' ')).rejects.toMatchObject({ key: 'voices.noName' });
    // Fill it through concurrent adds: one change at a time, none lost.
    await Promise.all(
      Array.from({ length: MAX_VOICES - 1 }, (_, i) => library.add(voice(`V${i}`))),
    );
    expect((await library.list()).length).toBe(MAX_VOICES);
    await expect(library.add(voice('One too many'))).rejects.toMatchObject({ key: 'voices.full' });
  });

  it('sets a damaged file aside (never deletes it), says so, and starts empty', async () => {
    await writeFile(file, 'not a sealed library');
    const notices: NoticeInfo[] = [];
    const library = await VoiceLibrary.open({
      file,
      box: memorySecretBox(),
      onNotice: (n) => void notices.push(n),
    });
    const state = await library.state();
    expect(state.voices).toEqual([]);
    expect(state.setAsideAs).toMatch(/^voices\.damaged-.+\.bin$/);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ key: 'notices.voicesSetAside' });
    expect(notices[0]!.message).toContain(state.setAsideAs);
    const names = await readdir(dir);
    expect(names).toContain(state.setAsideAs);
    expect(await readFile(join(dir, state.setAsideAs!), 'utf8')).toBe('not a sealed library');
    // Delete all takes the set-aside library too: it holds voiceprints as well.
    await library.consent();
    await library.removeAll();
    expect((await readdir(dir)).filter((n) => n.startsWith('voices.damaged'))).toEqual([]);
    expect((await library.state()).setAsideAs).toBeUndefined();
  });

  it('sets aside a file another box sealed (the preview restarted with a new key)', async () => {
    const first = await consented(memorySecretBox());
    await first.add(voice());
    const second = await VoiceLibrary.open({ file, box: memorySecretBox() });
    const state = await second.state();
    expect(state.voices).toEqual([]);
    expect(state.setAsideAs).toBeDefined();
  });

  it('sets aside a file that decrypts to something else than a library', async () => {
    const box = memorySecretBox();
    await writeFile(file, await box.encrypt(JSON.stringify({ version: 2, voices: 'x' })));
    const state = await (await VoiceLibrary.open({ file, box })).state();
    expect(state.setAsideAs).toBeDefined();
  });

  it('without secure storage, says why, keeps no voice and leaves the file alone', async () => {
    await writeFile(file, 'saved while the keyring worked');
    const box: SecretBox = {
      available: async () => ({ ok: false, reason: 'No keyring.', reasonKey: 'linuxNoKeyring' }),
      encrypt: async () => {
        throw new Error('never');
      },
      decrypt: async () => {
        throw new Error('never');
      },
    };
    const library = await VoiceLibrary.open({ file, box });
    expect(await library.state()).toEqual({
      voices: [],
      storage: { ok: false, reason: 'No keyring.', reasonKey: 'linuxNoKeyring' },
    });
    await expect(library.consent()).rejects.toMatchObject({ key: 'voices.noStorage' });
    await expect(library.add(voice())).rejects.toMatchObject({ key: 'voices.noStorage' });
    expect(await readFile(file, 'utf8')).toBe('saved while the keyring worked');
    expect(await readdir(dir)).toEqual(['voices.bin']);
  });

  it('a box that refuses to encrypt writes nothing and loses nothing', async () => {
    const inner = memorySecretBox();
    let refuse = false;
    const box: SecretBox = {
      ...inner,
      encrypt: async (text) => {
        if (refuse) throw new Error('keychain locked');
        return inner.encrypt(text);
      },
    };
    const library = await consented(box);
    const anna = await library.add(voice('Anna'));
    refuse = true;
    await expect(library.add(voice('Ben'))).rejects.toMatchObject({ key: 'voices.noStorage' });
    await expect(library.rename(anna.id, 'Anne')).rejects.toMatchObject({
      key: 'voices.noStorage',
    });
    expect((await library.list()).map((v) => v.name)).toEqual(['Anna']);
    refuse = false;
    expect(
      (await VoiceLibrary.open({ file, box }).then((l) => l.list())).map((v) => v.name),
    ).toEqual(['Anna']);
  });
});

describe('the command line box (key from PYANNOTE_API_KEY)', () => {
  it('reads its own library back, and with another key says so plainly and moves nothing', async () => {
    let key: string | undefined = 'sk_first-key-1234567890';
    const box = apiKeySecretBox(() => key);
    const library = await consented(box);
    await library.add(voice('Anna'));
    expect((await readFile(file)).includes('Anna')).toBe(false);

    key = 'sk_other-key-0987654321';
    const other = await VoiceLibrary.open({ file, box });
    await expect(other.list()).rejects.toMatchObject({
      key: 'voices.wrongKey',
      message: expect.stringContaining('PYANNOTE_API_KEY'),
    });
    expect(await readdir(dir)).toEqual(['voices.bin']);

    key = 'sk_first-key-1234567890';
    expect((await other.list()).map((v) => v.name)).toEqual(['Anna']);
  });

  it('without a key, voices cannot be kept and it says how to fix it', async () => {
    const box = apiKeySecretBox(() => undefined);
    expect(await box.available()).toMatchObject({
      ok: false,
      reason: expect.stringContaining('PYANNOTE_API_KEY'),
    });
    await expect(box.encrypt('x')).rejects.toMatchObject({ key: 'voices.noApiKey' });
  });
});
