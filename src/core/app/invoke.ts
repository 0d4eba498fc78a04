/**
 * The one path every call from the page takes: check who is calling, parse the argument with
 * the channel's schema, run the handler, and answer a Reply (never a thrown error). The
 * Electron IPC glue and the browser preview bridge both use it.
 */

import {
  operations,
  type ArgsOf,
  type Channel,
  type Reply,
  type ResultOf,
} from '../../shared/ipc-contract';
import type { z, ZodType } from 'zod';
import { redact } from '../../shared/redact';
import { isDiaristError } from '../errors';

export type Handlers = { [C in Channel]: (args: ArgsOf<C>) => Promise<ResultOf<C>> };

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}

export async function invoke(
  handlers: Handlers,
  channel: unknown,
  rawArgs: unknown,
  callerAllowed: boolean,
): Promise<Reply<unknown>> {
  if (!callerAllowed) return forbidden();
  if (!isChannel(channel))
    return { ok: false, error: { code: 'invalid-arguments', message: 'Unknown operation.' } };
  return invokeWith(
    operations[channel].args,
    handlers[channel] as (args: unknown) => Promise<unknown>,
    rawArgs,
    true,
  );
}

function forbidden(): Reply<never> {
  return { ok: false, error: { code: 'forbidden', message: 'This window may not ask for that.' } };
}

/** The same path for one handler and its schema (the preload's drop channel). */
export async function invokeWith<S extends ZodType>(
  schema: S,
  handler: (args: z.output<S>) => Promise<unknown>,
  rawArgs: unknown,
  callerAllowed: boolean,
): Promise<Reply<unknown>> {
  if (!callerAllowed) return forbidden();
  const parsed = schema.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => issue.path.join('.') || 'argument')
      .join(', ');
    return {
      ok: false,
      error: { code: 'invalid-arguments', message: `The request was not valid (${where}).` },
    };
  }
  try {
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (isDiaristError(error))
      return { ok: false, error: { code: error.code, message: error.message } };
    return {
      ok: false,
      error: {
        code: 'bad-response',
        message: redact(`Something went wrong: ${(error as Error)?.message ?? 'unknown error'}`),
      },
    };
  }
}
