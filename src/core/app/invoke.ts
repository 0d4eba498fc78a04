/**
 * The one path every call from the page takes: check who is calling, parse the argument with
 * the channel's schema, run the handler, and answer a Reply (never a thrown error). The
 * Electron IPC glue and the browser preview bridge both use it.
 *
 * Only mapped errors reach the page: a DiaristError's code, plain message and redacted detail,
 * or for anything else an `internal` error that says what to do, with the real error in the log.
 */

import {
  operations,
  type ArgsOf,
  type Channel,
  type Reply,
  type ReplyError,
  type ResultOf,
} from '../../shared/ipc-contract';
import type { z, ZodType } from 'zod';
import type { FieldError } from '../../shared/errors';
import { redact } from '../../shared/redact';
import { isDiaristError } from '../errors';
import { silentLogger, type Logger } from '../logging/logger';

export type Handlers = { [C in Channel]: (args: ArgsOf<C>) => Promise<ResultOf<C>> };

/** What the page is told when something fails that Diarist has no words for. */
export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong inside Diarist. Try again; if it keeps happening, use Settings → Copy diagnostics and send it to whoever helps you (it includes Diarist’s log, where the details are).';

export interface InvokeOptions {
  /** The support log, where an unexpected error's real text goes instead of to the page. */
  logger?: Logger;
  /** The operation's name, for that log line. */
  channel?: string;
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}

export async function invoke(
  handlers: Handlers,
  channel: unknown,
  rawArgs: unknown,
  callerAllowed: boolean,
  options: InvokeOptions = {},
): Promise<Reply<unknown>> {
  if (!callerAllowed) return forbidden();
  if (!isChannel(channel))
    return {
      ok: false,
      error: {
        code: 'invalid-arguments',
        message: 'Unknown operation.',
        key: 'calls.unknownOperation',
      },
    };
  return invokeWith(
    operations[channel].args,
    handlers[channel] as (args: unknown) => Promise<unknown>,
    rawArgs,
    true,
    { ...options, channel },
  );
}

function forbidden(): Reply<never> {
  return {
    ok: false,
    error: {
      code: 'forbidden',
      message: 'This window may not ask for that.',
      key: 'calls.forbidden',
    },
  };
}

/** The same path for one handler and its schema (the preload's drop channel). */
export async function invokeWith<S extends ZodType>(
  schema: S,
  handler: (args: z.output<S>) => Promise<unknown>,
  rawArgs: unknown,
  callerAllowed: boolean,
  options: InvokeOptions = {},
): Promise<Reply<unknown>> {
  if (!callerAllowed) return forbidden();
  const parsed = schema.safeParse(rawArgs ?? {});
  if (!parsed.success) return { ok: false, error: invalidArguments(parsed.error.issues) };
  try {
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (isDiaristError(error)) {
      const mapped: ReplyError = { code: error.code, message: error.message };
      if (error.detail) mapped.detail = redact(error.detail);
      if (error.fieldErrors?.length) mapped.fields = error.fieldErrors;
      if (error.key) mapped.key = error.key;
      if (error.params) mapped.params = error.params;
      return { ok: false, error: mapped };
    }
    // The real error (its text, where it came from) goes to the log; the page gets plain words.
    (options.logger ?? silentLogger).error('unexpected error in an operation', {
      ...(options.channel ? { channel: options.channel } : {}),
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      stack: error instanceof Error ? (error.stack?.split('\n').slice(1, 6).join(' |') ?? '') : '',
    });
    return {
      ok: false,
      error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE, key: 'calls.internal' },
    };
  }
}

/**
 * The fields that were wrong and why. The options schema's own rules have plain words (custom
 * issues), which become the message; anything else only a broken or hostile page can send.
 */
function invalidArguments(
  issues: readonly { code: string; path: PropertyKey[]; message: string }[],
): ReplyError {
  const fields: FieldError[] = issues.slice(0, 5).map((issue) => ({
    field: issue.path.map(String).join('.') || 'argument',
    message: issue.message,
  }));
  const plain = issues.find((issue) => issue.code === 'custom');
  const where = fields
    .slice(0, 3)
    .map((f) => f.field)
    .join(', ');
  // The options schemas' own words go without a key: the page recognises them by their English
  // (src/shared/option-message-keys.ts) and says them in its language.
  return plain
    ? { code: 'invalid-arguments', message: plain.message, fields }
    : {
        code: 'invalid-arguments',
        message: `The request was not valid (${where}).`,
        key: 'calls.invalid',
        params: { fields: where },
        fields,
      };
}
