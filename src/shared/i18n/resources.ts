/**
 * Every catalogue, by language and namespace. A namespace is one JSON file per language:
 * common (header, first run, language), jobs (the job list, its rows and banners), batch (the
 * batch panel and its options), result (the result view and exports), settings (the Settings
 * dialog and key), runs (a recording's runs: try other settings, compare, choose), voices (known voices: the
 * Voices page, Remember this voice, the recognition option), errors (what the core and main report, by code) and app (native menus,
 * dialogs and notifications, shown by the main process).
 */

import deApp from './locales/de/app.json';
import deBatch from './locales/de/batch.json';
import deCommon from './locales/de/common.json';
import deErrors from './locales/de/errors.json';
import deJobs from './locales/de/jobs.json';
import deResult from './locales/de/result.json';
import deRuns from './locales/de/runs.json';
import deSettings from './locales/de/settings.json';
import deVoices from './locales/de/voices.json';
import enApp from './locales/en/app.json';
import enBatch from './locales/en/batch.json';
import enCommon from './locales/en/common.json';
import enErrors from './locales/en/errors.json';
import enJobs from './locales/en/jobs.json';
import enResult from './locales/en/result.json';
import enRuns from './locales/en/runs.json';
import enSettings from './locales/en/settings.json';
import enVoices from './locales/en/voices.json';
import esApp from './locales/es/app.json';
import esBatch from './locales/es/batch.json';
import esCommon from './locales/es/common.json';
import esErrors from './locales/es/errors.json';
import esJobs from './locales/es/jobs.json';
import esResult from './locales/es/result.json';
import esRuns from './locales/es/runs.json';
import esSettings from './locales/es/settings.json';
import esVoices from './locales/es/voices.json';
import frApp from './locales/fr/app.json';
import frBatch from './locales/fr/batch.json';
import frCommon from './locales/fr/common.json';
import frErrors from './locales/fr/errors.json';
import frJobs from './locales/fr/jobs.json';
import frResult from './locales/fr/result.json';
import frRuns from './locales/fr/runs.json';
import frSettings from './locales/fr/settings.json';
import frVoices from './locales/fr/voices.json';
import type { Language } from './languages';
import type { Catalogue } from './pseudo';

export const NAMESPACES = [
  'common',
  'jobs',
  'batch',
  'result',
  'settings',
  'errors',
  'app',
  'runs',
  'voices',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const RESOURCES: Record<Language, Record<Namespace, Catalogue>> = {
  en: {
    common: enCommon,
    jobs: enJobs,
    batch: enBatch,
    result: enResult,
    settings: enSettings,
    runs: enRuns,
    voices: enVoices,
    errors: enErrors,
    app: enApp,
  },
  fr: {
    common: frCommon,
    jobs: frJobs,
    batch: frBatch,
    result: frResult,
    settings: frSettings,
    runs: frRuns,
    voices: frVoices,
    errors: frErrors,
    app: frApp,
  },
  de: {
    common: deCommon,
    jobs: deJobs,
    batch: deBatch,
    result: deResult,
    settings: deSettings,
    runs: deRuns,
    voices: deVoices,
    errors: deErrors,
    app: deApp,
  },
  es: {
    common: esCommon,
    jobs: esJobs,
    batch: esBatch,
    result: esResult,
    settings: esSettings,
    runs: esRuns,
    voices: esVoices,
    errors: esErrors,
    app: esApp,
  },
};
