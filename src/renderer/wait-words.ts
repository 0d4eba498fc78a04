/**
 * What the engine waits for, in the page's language: the banner's lines, made from the wait's
 * kind, moment and files (src/core/jobs/waits.ts writes the same lines in English for the
 * command line and the log).
 */

import type { EngineWait } from '../shared/engine-status';
import type { JobsT } from './job-status-words';

const MAX_NAMES = 3;

/** "a.wav", "a.wav and b.wav", "a.wav, b.wav, c.wav and 2 more". */
export function nameListWords(t: JobsT, names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES);
  const more = names.length - shown.length;
  if (more > 0) return t('waits.namesMore', { names: shown.join(', '), count: more });
  if (shown.length <= 1) return shown.join('');
  return t('waits.names', { names: shown.slice(0, -1).join(', '), last: shown.at(-1) });
}

/** "in 52 s", "in 3 min", or "shortly" when the moment is unknown or has come. */
export function inTimeWords(t: JobsT, untilMs: number | undefined, now: number): string {
  if (untilMs === undefined || untilMs <= now) return t('waits.shortly');
  const seconds = Math.max(1, Math.ceil((untilMs - now) / 1000));
  return seconds < 120
    ? t('waits.inSeconds', { seconds })
    : t('waits.inMinutes', { minutes: Math.round(seconds / 60) });
}

/**
 * When the page first saw each wait (a status push brings new objects), so that "in 52 s" counts
 * from the moment the wait arrived, as the core's English does, and a re-render says the same.
 */
const seenAt = new WeakMap<EngineWait, number>();
function firstSeen(wait: EngineWait): number {
  const known = seenAt.get(wait);
  if (known !== undefined) return known;
  const now = Date.now();
  seenAt.set(wait, now);
  return now;
}

export function waitWords(t: JobsT, wait: EngineWait, now = firstSeen(wait)): string {
  const when = inTimeWords(t, wait.untilMs, now);
  const names = nameListWords(t, wait.files);
  switch (wait.kind) {
    case 'rate-limit':
      return t('waits.rateLimit', { when });
    case 'offline':
    case 'service': {
      const line = t(`waits.${wait.kind}`, { when });
      return wait.files.length > 0 ? `${line} ${t('waits.held', { names })}` : line;
    }
    case 'storage':
      // The wait does not carry whether storage was unreachable or refused; its English says.
      return t(
        wait.message.startsWith('Cannot reach') ? 'waits.storageOffline' : 'waits.storageRefused',
        {
          names,
          when,
        },
      );
  }
}
