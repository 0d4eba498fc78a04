/** The service's job statuses, and how a client should read ones it does not know. */

export type ServiceJobStatus =
  'created' | 'pending' | 'running' | 'succeeded' | 'failed' | 'canceled';

const TERMINAL = new Set(['succeeded', 'failed', 'canceled', 'cancelled']);

/** Any status we do not recognise is "still in progress", never terminal. */
export function isTerminalStatus(status: string): boolean {
  return TERMINAL.has(status);
}

/** Normalises the British spelling some clients have seen, and keeps unknown values as they are. */
export function normalizeStatus(status: string): string {
  return status === 'cancelled' ? 'canceled' : status;
}
