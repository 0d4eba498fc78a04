/** Parses the `diarize` command line into a request, or a usage error with a plain message. */

import { parseArgs } from 'node:util';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  DEFAULT_DIARIZE_OPTIONS,
  MODELS,
  TRANSCRIPTION_MODELS,
  diarizeOptionsSchema,
  speakerCountFrom,
  type DiarizeOptions,
} from '../shared/diarize-options';
import { EXPORT_FORMATS, type ExportFormat } from '../shared/result';
import { MATCH_LEVELS, type MatchLevel } from '../shared/voices';

export const USAGE = `Usage: npm run -s diarize -- <files or folders…> [options]

Sends recordings to pyannoteAI and saves who spoke when. Run the same command again after an
interruption and it resumes where it stopped; finished files, and copies of the same recording,
are not sent twice.

Options:
  --out DIR              where exports are written (default: diarist-results next to the data folder)
  --formats LIST         any of ${EXPORT_FORMATS.join(',')} (default: rttm,json)
  --model NAME           ${MODELS.join(' or ')} (default: ${DEFAULT_DIARIZE_OPTIONS.model})
  --speakers N           exactly N speakers
  --min-speakers N       at least N speakers
  --max-speakers N       at most N speakers
  --exclusive            also compute non-overlapping turns (used for subtitles)
  --transcription        add a speaker-attributed transcript (precision-2 only)
  --transcription-model  ${TRANSCRIPTION_MODELS.join(' or ')}
  --recognise            name the speakers whose voices were saved with \`diarize voices add\`
  --voices LIST          only these saved voices (names or ids, comma-separated); implies --recognise
  --match LEVEL          how sure pyannoteAI must be to name a speaker: ${MATCH_LEVELS.join(', ')}
                         (default: balanced)
  --concurrency N        uploads at the same time (default: 2)
  --rerun                run again even recordings that already have a result (with these or other
                         options): the new run is compared with the result before, and the
                         earlier upload is reused while pyannoteAI keeps it
  --json                 print one JSON array with an entry per file on stdout
  --data DIR             where job records live (default: DIARIST_DATA_DIR, else a per-user folder)
  --retry-failed         send recordings that failed (or whose result expired) in an earlier run
                         again; without it a rerun only continues unfinished work
  --give-up-after MIN    stop when nothing has moved forward for MIN minutes (default: 15);
                         everything is kept, and running the command again continues
  -h, --help             show this help

Known voices (kept encrypted in the data folder, with a key derived from PYANNOTE_API_KEY):
  npm run -s diarize -- voices add FILE --speaker SPEAKER_01 --name "Anna" [--agree]
                         remember a speaker of FILE's saved result (named or SPEAKER_NN);
                         the first time, --agree confirms the people agreed to it
  npm run -s diarize -- voices list [--json]
  npm run -s diarize -- voices remove NAME_OR_ID | --all

Environment: PYANNOTE_API_KEY (required), PYANNOTE_API_URL, DIARIST_DATA_DIR.
Log: <data folder>/logs/diarist-cli.log (what happened, for support; never the key).
Exit codes: 0 every file succeeded, 1 some file failed (or the data folder cannot be used),
2 usage error, 3 gave up after no progress (run again to continue), 130 stopped with Ctrl-C.`;

export const DEFAULT_GIVE_UP_MINUTES = 15;

export interface CliRequest {
  inputs: string[];
  outDir: string;
  dataDir: string;
  formats: ExportFormat[];
  options: DiarizeOptions;
  concurrency: number;
  json: boolean;
  /** Send every file again, even one already done with these options (billed again). */
  rerun: boolean;
  /** Send failed or expired recordings of earlier runs again (otherwise only reported). */
  retryFailed: boolean;
  /** Stop after this long without progress; everything stays resumable. */
  giveUpAfterMs: number;
  /**
   * "Recognise known voices": the saved voices to look for (names or ids; absent: all of them),
   * turned into `options.recognise` once the voice library is open.
   */
  recognise?: { voices?: string[]; match: MatchLevel };
}

export type VoicesRequest = { dataDir: string; json: boolean } & (
  | { action: 'list' }
  | { action: 'add'; file: string; speaker: string; name: string; agree: boolean }
  | { action: 'remove'; target?: string; all: boolean }
);

export type ParsedArgs =
  | { kind: 'help' }
  | { kind: 'run'; request: CliRequest }
  | { kind: 'voices'; request: VoicesRequest }
  | { kind: 'usage-error'; message: string };

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.DIARIST_DATA_DIR) return resolve(env.DIARIST_DATA_DIR);
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'Diarist', 'cli');
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Diarist', 'cli');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'diarist-cli');
}

function positiveInteger(name: string, value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1
    ? n
    : `${name} needs a whole number of at least 1 (got "${value}").`;
}

/** A placeholder voice, so that the options' rules (not with transcription…) are checked before the library is open. */
const SOME_VOICE = 'voice-00000000';

function parseVoicesArgs(argv: string[], env: NodeJS.ProcessEnv): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        speaker: { type: 'string' },
        name: { type: 'string' },
        agree: { type: 'boolean' },
        all: { type: 'boolean' },
        json: { type: 'boolean' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { kind: 'usage-error', message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [action, ...rest] = positionals;
  const common = {
    dataDir: values.data ? resolve(values.data) : defaultDataDir(env),
    json: values.json ?? false,
  };
  if (action === 'list' && rest.length === 0)
    return { kind: 'voices', request: { ...common, action } };
  if (action === 'add') {
    if (rest.length !== 1 || !values.speaker || !values.name?.trim())
      return {
        kind: 'usage-error',
        message: 'voices add needs one recording with a saved result, --speaker and --name.',
      };
    return {
      kind: 'voices',
      request: {
        ...common,
        action,
        file: resolve(rest[0] as string),
        speaker: values.speaker,
        name: values.name.trim(),
        agree: values.agree ?? false,
      },
    };
  }
  if (action === 'remove' && (values.all ? rest.length === 0 : rest.length === 1))
    return {
      kind: 'voices',
      request: {
        ...common,
        action,
        all: values.all ?? false,
        ...(rest[0] ? { target: rest[0] } : {}),
      },
    };
  return {
    kind: 'usage-error',
    message:
      'Use voices list, voices add FILE --speaker LABEL --name NAME, or voices remove NAME_OR_ID (or --all).',
  };
}

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  // `voices` is a command of its own; a folder of that name can still be given as ./voices.
  if (argv[0] === 'voices') return parseVoicesArgs(argv.slice(1), env);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string' },
        formats: { type: 'string' },
        model: { type: 'string' },
        speakers: { type: 'string' },
        'min-speakers': { type: 'string' },
        'max-speakers': { type: 'string' },
        exclusive: { type: 'boolean' },
        transcription: { type: 'boolean' },
        'transcription-model': { type: 'string' },
        concurrency: { type: 'string' },
        json: { type: 'boolean' },
        rerun: { type: 'boolean' },
        data: { type: 'string' },
        'retry-failed': { type: 'boolean' },
        'give-up-after': { type: 'string' },
        recognise: { type: 'boolean' },
        voices: { type: 'string' },
        match: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { kind: 'usage-error', message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length === 0)
    return { kind: 'usage-error', message: 'Name at least one recording (or folder).' };

  const formats = (values.formats ?? 'rttm,json')
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const unknown = formats.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0)
    return {
      kind: 'usage-error',
      message: `Unknown format ${unknown.join(', ')}; choose from ${EXPORT_FORMATS.join(', ')}.`,
    };

  const concurrency = positiveInteger('--concurrency', values.concurrency);
  if (typeof concurrency === 'string') return { kind: 'usage-error', message: concurrency };

  // The options are checked by the same schema as the app's, so the words are the same too.
  const number = (value: string | undefined) =>
    value === undefined ? undefined : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  const candidate = {
    ...DEFAULT_DIARIZE_OPTIONS,
    model: values.model ?? DEFAULT_DIARIZE_OPTIONS.model,
    speakers: speakerCountFrom({
      count: number(values.speakers),
      min: number(values['min-speakers']),
      max: number(values['max-speakers']),
    }),
    exclusive: values.exclusive ?? false,
    transcription: values.transcription ?? false,
    ...(values['transcription-model'] !== undefined
      ? { transcriptionModel: values['transcription-model'] }
      : {}),
  };
  const match = values.match ?? 'balanced';
  if (!(MATCH_LEVELS as readonly string[]).includes(match))
    return {
      kind: 'usage-error',
      message: `--match is one of ${MATCH_LEVELS.join(', ')} (got "${match}").`,
    };
  const voices = values.voices
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (values.voices !== undefined && voices?.length === 0)
    return { kind: 'usage-error', message: '--voices needs at least one saved voice’s name.' };
  const recognise =
    values.recognise || voices
      ? { match: match as MatchLevel, ...(voices ? { voices } : {}) }
      : undefined;
  if (values.match !== undefined && !recognise)
    return { kind: 'usage-error', message: '--match goes with --recognise or --voices.' };
  const checked = diarizeOptionsSchema.safeParse(
    recognise
      ? { ...candidate, recognise: { voiceIds: [SOME_VOICE], match: recognise.match } }
      : candidate,
  );
  if (!checked.success) {
    const problems = [...new Set(checked.error.issues.map((issue) => issue.message))];
    return { kind: 'usage-error', message: problems.join(' ') };
  }
  // The voices themselves are known once the library is open (run.ts).
  const { recognise: _placeholder, ...options }: DiarizeOptions = checked.data;

  const giveUpMinutes = Number(values['give-up-after'] ?? DEFAULT_GIVE_UP_MINUTES);
  if (!Number.isFinite(giveUpMinutes) || giveUpMinutes <= 0)
    return {
      kind: 'usage-error',
      message: `--give-up-after needs a number of minutes above 0 (got "${values['give-up-after']}").`,
    };

  const dataDir = values.data ? resolve(values.data) : defaultDataDir(env);
  return {
    kind: 'run',
    request: {
      inputs: positionals.map((p) => resolve(p)),
      outDir: resolve(values.out ?? join(dirname(dataDir), 'diarist-results')),
      dataDir,
      formats: formats as ExportFormat[],
      options,
      concurrency: concurrency ?? 2,
      json: values.json ?? false,
      rerun: values.rerun ?? false,
      retryFailed: values['retry-failed'] ?? false,
      giveUpAfterMs: Math.round(giveUpMinutes * 60_000),
      ...(recognise ? { recognise } : {}),
    },
  };
}
