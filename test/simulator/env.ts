/** Reads the standalone simulator's settings from SIMULATOR_* environment variables. */

import type { FaultRule, SimulatorInit } from './types';

function number(env: NodeJS.ProcessEnv, name: string, min = 0, max = Infinity): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`${name} must be a number between ${min} and ${max}`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  throw new Error(`${name} must be true or false`);
}

export function optionsFromEnv(env: NodeJS.ProcessEnv): SimulatorInit {
  const init: SimulatorInit = {};
  const set = <K extends keyof SimulatorInit>(
    key: K,
    value: SimulatorInit[K] | undefined,
  ): void => {
    if (value !== undefined) init[key] = value;
  };
  set('port', number(env, 'SIMULATOR_PORT', 0, 65535));
  if (env['SIMULATOR_API_KEY']) init.apiKey = env['SIMULATOR_API_KEY'];
  set('seed', number(env, 'SIMULATOR_SEED'));
  set('strictKeys', flag(env, 'SIMULATOR_STRICT_KEYS'));
  set('mode402', flag(env, 'SIMULATOR_MODE_402'));
  set('listen', flag(env, 'SIMULATOR_LISTEN'));
  set('uploadUrlTtlMs', number(env, 'SIMULATOR_UPLOAD_URL_TTL_MS'));
  set('uploadIdleTimeoutMs', number(env, 'SIMULATOR_UPLOAD_IDLE_TIMEOUT_MS'));
  set('mediaTtlMs', number(env, 'SIMULATOR_MEDIA_TTL_MS'));
  set('outputTtlMs', number(env, 'SIMULATOR_OUTPUT_TTL_MS'));

  const timing = {
    createdMs: number(env, 'SIMULATOR_CREATED_MS'),
    pendingMs: number(env, 'SIMULATOR_PENDING_MS'),
    runningMs: number(env, 'SIMULATOR_RUNNING_MS'),
    runningMsPerAudioSecond: number(env, 'SIMULATOR_RUNNING_MS_PER_AUDIO_SECOND'),
  };
  const given = Object.entries(timing).filter(([, value]) => value !== undefined);
  if (given.length > 0) init.timing = Object.fromEntries(given);

  const rateLimit = env['SIMULATOR_RATE_LIMIT'];
  if (rateLimit !== undefined && rateLimit !== '') {
    init.rateLimit = /^off$/i.test(rateLimit)
      ? null
      : { limit: number(env, 'SIMULATOR_RATE_LIMIT', 1) ?? 100 };
  }

  const faultRate = number(env, 'SIMULATOR_FAULT_5XX_RATE', 0, 1);
  if (faultRate !== undefined && faultRate > 0) {
    const rule: FaultRule = {
      kind: 'status',
      status: [500, 502, 503],
      path: /^\/v[12]\//,
      probability: faultRate,
    };
    init.faults = [rule];
  }
  return init;
}
