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
  type ReplyError,
  type ResultOf,
} from '../../shared/ipc-contract';
import type { FieldError } from '../../shared/errors';
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
  if (!callerAllowed)
    return {
      ok: false,
      error: { code: 'forbidden', message: 'This window may not ask for that.' },
    };
  if (!isChannel(channel))
    return { ok: false, error: { code: 'invalid-arguments', message: 'Unknown operation.' } };
  const parsed = operations[channel].args.safeParse(rawArgs ?? {});
  if (!parsed.success) return { ok: false, error: invalidArguments(parsed.error.issues) };
  try {
    const handler = handlers[channel] as (args: unknown) => Promise<unknown>;
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
  return {
    code: 'invalid-arguments',
    message: plain ? plain.message : `The request was not valid (${where}).`,
    fields,
  };
}
