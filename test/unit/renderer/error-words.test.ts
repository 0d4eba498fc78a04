import i18next from 'i18next';
/**
 * What the core reports, in the page's language: the values written as French, German and
 * Spanish write them, and English (or the message as it came) whenever there are no words for
 * it. That the English words are the core's own is checked against the core itself in
 * test/unit/i18n/error-words-core.test.ts (this folder is typed for the page, without Node).
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/renderer/api';
import {
  callErrorWords,
  engineStatusWords,
  errorWords,
  waitWords,
  type ErrorWordsContext,
} from '../../../src/renderer/error-words';
import type { EngineWait } from '../../../src/shared/engine-status';
import { ERROR_KEYS, WAIT_KEYS } from '../../../src/shared/error-keys';
import { PSEUDO_LOCALE } from '../../../src/shared/i18n/languages';
import { errorsContext } from './jobs-i18n';

const context = errorsContext;
const [en, fr, de, es] = ['en', 'fr', 'de', 'es'].map(context) as [
  ErrorWordsContext,
  ErrorWordsContext,
  ErrorWordsContext,
  ErrorWordsContext,
];
/** Intl puts no-break spaces in "1,5 Go" and "25 h"; the tests read them as spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const GIB = 1024 ** 3;

describe('errorWords', () => {
  const tooLarge = {
    code: 'unsupported-file',
    message: 'This file is 1.5 GB; pyannoteAI accepts up to 1 GB per file. …',
    key: 'preflight.tooLarge',
    params: { sizeBytes: 1.5 * GIB, maxBytes: GIB },
  };

  it('writes sizes as each language does', () => {
    expect(plain(errorWords(fr, tooLarge))).toMatch(
      /^Ce fichier fait 1,5 Go ; pyannoteAI accepte jusqu’à 1 Go par fichier\./,
    );
    expect(plain(errorWords(de, tooLarge))).toMatch(
      /^Diese Datei ist 1,5 GB groß; pyannoteAI nimmt bis zu 1 GB pro Datei an\./,
    );
    expect(plain(errorWords(es, tooLarge))).toMatch(
      /^Este archivo ocupa 1,5 GB; pyannoteAI acepta hasta 1 GB por archivo\./,
    );
    expect(errorWords(en, tooLarge)).toMatch(
      /^This file is 1\.5 GB; pyannoteAI accepts up to 1 GB/,
    );
  });

  it('says "just over" the limit when rounding would show the limit itself', () => {
    const barely = { ...tooLarge, params: { sizeBytes: GIB + 1, maxBytes: GIB } };
    expect(plain(errorWords(fr, barely))).toContain('Ce fichier fait un peu plus de 1 Go ;');
    expect(plain(errorWords(de, barely))).toContain('Diese Datei ist etwas mehr als 1 GB groß;');
    expect(plain(errorWords(es, barely))).toContain('Este archivo ocupa algo más de 1 GB;');
    expect(errorWords(en, barely)).toContain('This file is just over 1 GB;');
  });

  it('writes durations as each language does', () => {
    const tooLong = {
      message: 'This recording lasts 25 h 1 min; …',
      key: 'preflight.tooLong',
      params: { durationSeconds: 25 * 3600 + 60, maxSeconds: 24 * 3600 },
    };
    expect(plain(errorWords(fr, tooLong))).toMatch(
      /^Cet enregistrement dure 25 h 1 min ; pyannoteAI accepte jusqu’à 24 h par enregistrement\./,
    );
    expect(plain(errorWords(de, tooLong))).toMatch(
      /^Diese Aufnahme dauert 25 Std\., 1 Min\.; pyannoteAI nimmt bis zu 24 Std\. pro Aufnahme an\./,
    );
    expect(plain(errorWords(es, tooLong))).toMatch(
      /^Esta grabación dura 25 h 1 min; pyannoteAI acepta hasta 24 h por grabación\./,
    );
    expect(errorWords(en, tooLong)).toMatch(/^This recording lasts 25 h 1 min; .* up to 24 h per/);
  });

  it('writes counts and HTTP statuses, and the last attempt’s words inside the count', () => {
    const edits = { message: '…', key: 'results.tooManyEdits', params: { max: 5000 } };
    expect(plain(errorWords(fr, edits))).toContain('comporte déjà 5 000 corrections');
    expect(errorWords(de, edits)).toContain('hat bereits 5.000 Korrekturen');
    const failed = {
      message: 'The upload failed 5 times. …',
      key: 'upload.failedTimes',
      params: { attempts: 5, status: 503, causeKey: 'upload.refusedForNow' },
    };
    expect(plain(errorWords(fr, failed))).toBe(
      'L’envoi a échoué 5 fois. Le stockage de pyannoteAI a refusé l’envoi pour le moment ' +
        '(HTTP 503). Diarist va réessayer avec un nouveau lien d’envoi. Vous pourrez réessayer ' +
        'la tâche plus tard ; rien n’a été perdu.',
    );
    // A last attempt without words of its own keeps its English message inside.
    const unknownCause = {
      ...failed,
      params: { attempts: 5, causeMessage: 'Something new.' },
    };
    expect(errorWords(es, unknownCause)).toContain('El envío falló 5 veces. Something new. ');
  });

  it('names a folder that has no name as "the folder you chose", in the language', () => {
    const readOnly = { message: '…', key: 'save.readOnly', params: { folder: '' } };
    expect(plain(errorWords(fr, readOnly))).toMatch(
      /^Rien ne peut être enregistré dans « le dossier choisi »/,
    );
    expect(errorWords(es, readOnly)).toMatch(/^No se puede guardar nada en «la carpeta elegida»/);
    expect(errorWords(en, readOnly)).toMatch(/^Nothing can be saved in “the folder you chose”/);
    const named = { ...readOnly, params: { folder: 'Rapports & CR' } };
    expect(plain(errorWords(fr, named))).toContain('« Rapports & CR »');
  });

  it('falls back to the message it was given: no key, an unknown key, a key it has no words for', () => {
    const message = 'Something the page has no words for.';
    expect(errorWords(fr, { message })).toBe(message);
    expect(errorWords(fr, { message, key: 'no.such.key' })).toBe(message);
    expect(errorWords(de, { message, key: 'waits' })).toBe(message);
    const empty = i18next.createInstance();
    void empty.init({ resources: {}, lng: 'fr', initAsync: false });
    const bare = { t: empty.getFixedT('fr', 'errors') as never, language: 'fr' };
    expect(errorWords(bare, { message, key: 'api.unauthorized' })).toBe(message);
  });

  it('has words in every language for every key the core sends', () => {
    for (const ctx of [fr, de, es]) {
      for (const key of ERROR_KEYS) {
        const english = errorWords(en, { message: 'ENGLISH', key, params: {} });
        const words = errorWords(ctx, { message: 'ENGLISH', key, params: {} });
        expect(english, key).not.toBe('ENGLISH');
        expect(words, `${ctx.language}:${key}`).not.toBe(english);
      }
    }
  });

  it('shows the pseudo-locale with English values', () => {
    const words = errorWords(context(PSEUDO_LOCALE), tooLarge);
    expect(words).toMatch(/^\[Thís fílé ís 1\.5 GB/);
  });
});

describe('waitWords', () => {
  const wait = (overrides: Partial<EngineWait>): EngineWait => ({
    kind: 'offline',
    key: 'waits.offline',
    message: 'No connection to pyannoteAI: trying again in 52 s.',
    params: { waitSeconds: 52 },
    files: [],
    ...overrides,
  });

  it('says how long, and which recordings wait, as the language lists them', () => {
    const five = ['a.wav', 'b.wav', 'c.wav', 'd.wav', 'e.wav'];
    expect(plain(waitWords(fr, wait({ files: five })))).toBe(
      'Pas de connexion à pyannoteAI : nouvel essai dans 52 s. En attente : a.wav, b.wav, c.wav et 2 autres.',
    );
    expect(plain(waitWords(de, wait({ files: ['a.wav', 'b.wav'] })))).toBe(
      'Keine Verbindung zu pyannoteAI: neuer Versuch in 52 Sek. Es warten: a.wav und b.wav.',
    );
    expect(
      plain(
        waitWords(
          es,
          wait({
            kind: 'storage',
            key: 'waits.storageRefused',
            params: { waitSeconds: 300 },
            files: ['a.wav', 'b.wav', 'c.wav'],
          }),
        ),
      ),
    ).toBe(
      'El servicio de almacenamiento de pyannoteAI ha rechazado por ahora el envío de a.wav, b.wav y c.wav: nuevo intento en 5 min.',
    );
  });

  it('counts down from the moment the wait ends, when given the time', () => {
    const at = wait({ untilMs: 1_000_000 + 30_000 });
    expect(plain(waitWords(fr, at, 1_000_000))).toBe(
      'Pas de connexion à pyannoteAI : nouvel essai dans 30 s.',
    );
    expect(waitWords(en, at, 1_000_000 + 40_000)).toBe(
      'No connection to pyannoteAI: trying again shortly.',
    );
  });

  it('says "shortly" when the moment is not known', () => {
    const limit = wait({ kind: 'rate-limit', key: 'waits.rateLimit', files: ['a.wav'] });
    delete limit.params;
    expect(plain(waitWords(fr, limit))).toBe(
      'Limite de requêtes de pyannoteAI : reprise sous peu.',
    );
    expect(waitWords(en, limit)).toBe("pyannoteAI's request limit: resuming shortly.");
  });

  it('falls back to the message for a wait it does not know', () => {
    const odd = wait({ key: 'waits.somethingNew' as EngineWait['key'], message: 'Waiting.' });
    expect(waitWords(fr, odd)).toBe('Waiting.');
    for (const key of WAIT_KEYS) expect(waitWords(de, wait({ key }))).not.toMatch(/\{\{/);
  });
});

describe('engineStatusWords and callErrorWords', () => {
  it('say why work is paused and what it waits for', () => {
    const status = engineStatusWords(de, {
      blocked: {
        code: 'payment-required',
        message: 'Your pyannoteAI team has no active subscription …',
        key: 'api.paymentRequired',
        retryable: false,
      },
      waits: [],
    });
    expect(status.blocked).toMatch(/^Ihr pyannoteAI-Team hat kein aktives Abonnement/);
    expect(status.waits).toEqual([]);
    expect(status.offline).toBeUndefined();
    const offline = { offline: true, waits: [] };
    expect(engineStatusWords(es, offline).offline).toBe(
      'No se puede acceder a pyannoteAI; Diarist sigue intentándolo. Compruebe la conexión a internet si esto continúa.',
    );
    // The words Banners.tsx shows today, so the English banner stays as it is.
    expect(engineStatusWords(en, offline).offline).toBe(
      'Cannot reach pyannoteAI; Diarist keeps trying. Check the internet connection if this lasts.',
    );
  });

  it("say what a failed call to main reports, or the error's own message", () => {
    const refused = new ApiError('not-found', 'This job no longer exists.', {
      key: 'calls.jobGone',
    });
    expect(callErrorWords(fr, refused)).toBe('Cette tâche n’existe plus.');
    expect(callErrorWords(fr, new Error('Plain words.'))).toBe('Plain words.');
    expect(callErrorWords(es, 'nothing useful')).toBe('Algo ha fallado.');
    expect(callErrorWords(en, undefined)).toBe('Something went wrong.');
  });
});
