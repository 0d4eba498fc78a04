/**
 * Subscribes once to main's push channel and routes each event: job changes to the job store,
 * engine status and notices to state the banners read. Subscribing before `jobs:list` is sent
 * means no update can fall between the list and the first push. Main holds pushes until the page
 * calls `app:ready` (MainScreen, once every subscription is made; see usePushesReady).
 */

import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { EngineStatusView } from '../../shared/ipc-contract';
import { api, messageOf, unwrap } from '../api';
import type { JobsStore } from '../store/jobs-store';
import { noticeWords, type NoticeWords } from '../notice-words';

export type { NoticeWords };

export interface Notice {
  id: number;
  /** What it says in English (also what tells two notices apart). */
  message: string;
  words?: NoticeWords;
  tone: 'info' | 'error';
  /** A notice of a kind that only its newest one matters for ("Batch finished"); see addNotice. */
  kind?: 'batch-finished';
}

export interface AppEvents {
  status: EngineStatusView;
  notices: readonly Notice[];
  addNotice(
    message: string,
    tone?: Notice['tone'],
    kind?: Notice['kind'],
    words?: NoticeWords,
  ): void;
  dismissNotice(id: number): void;
}

let nextNoticeId = 1;

/** A batch that ended well says so for this long, then goes; one with failures stays until closed. */
export const BATCH_NOTICE_MS = 20_000;

export function useAppEvents(store: JobsStore): AppEvents {
  const [status, setStatus] = useState<EngineStatusView>({ offline: false });
  const [notices, setNotices] = useState<readonly Notice[]>([]);

  const dismissNotice = useCallback((id: number) => {
    setNotices((current) => current.filter((n) => n.id !== id));
  }, []);

  const addNotice = useCallback(
    (
      message: string,
      tone: Notice['tone'] = 'info',
      kind?: Notice['kind'],
      words?: NoticeWords,
    ) => {
      const id = nextNoticeId++;
      setNotices((current) => {
        // The same message twice in a row is one notice, not a growing stack.
        if (current.some((n) => n.message === message)) return current;
        // A newer notice of the same kind replaces the older one: one "Batch finished" at most.
        const kept = kind ? current.filter((n) => n.kind !== kind) : current;
        return [
          ...kept,
          { id, message, tone, ...(kind ? { kind } : {}), ...(words ? { words } : {}) },
        ];
      });
      return id;
    },
    [],
  );

  useEffect(() => {
    let live = true;
    const load = () => {
      unwrap(() => api()['jobs:list']())
        .then((jobs) => live && store.load(jobs))
        .catch((error: unknown) => {
          if (!live) return;
          store.load([]);
          addNotice(
            `The job list could not be loaded: ${messageOf(error)}`,
            'error',
            undefined,
            (t, errors) => t('notices.listFailed', { reason: errors.call(error) }),
          );
        });
      unwrap(() => api()['jobs:status']())
        .then((value) => live && setStatus(value))
        .catch(() => undefined);
    };
    const unsubscribe = api().onPush((event) => {
      switch (event.type) {
        case 'job':
          store.update(event.job);
          break;
        case 'removed':
          store.remove(event.id);
          break;
        case 'status':
          setStatus(event.status);
          break;
        case 'notice':
          addNotice(event.message, 'info', undefined, noticeWords(event));
          break;
        case 'batch-finished': {
          const { succeeded, failed, canceled } = event;
          const id = addNotice(
            describeBatch(succeeded, failed, canceled),
            'info',
            'batch-finished',
            (t) => batchWords(t, succeeded, failed, canceled),
          );
          // Nothing to act on when all went well: the banner goes by itself.
          if (!failed) setTimeout(() => dismissNotice(id), BATCH_NOTICE_MS);
          break;
        }
        case 'dropped':
          // Some updates could not wait for the page: what they said is in the list and status.
          load();
          break;
      }
    });
    load();
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store, addNotice, dismissNotice]);

  return { status, notices, addNotice, dismissNotice };
}

function batchWords(
  t: TFunction<'jobs'>,
  succeeded: number,
  failed: number,
  canceled: number,
): string {
  const total = succeeded + failed + canceled;
  const parts = [t('notices.batchDone', { count: succeeded, total })];
  if (failed) parts.push(t('notices.batchFailed', { count: failed }));
  if (canceled) parts.push(t('notices.batchCanceled', { count: canceled }));
  return t('notices.batchFinished', { parts: parts.join(', ') });
}

function describeBatch(succeeded: number, failed: number, canceled: number): string {
  const total = succeeded + failed + canceled;
  const parts = [`${succeeded} of ${total} done`];
  if (failed) parts.push(`${failed} failed`);
  if (canceled) parts.push(`${canceled} canceled`);
  return `Batch finished: ${parts.join(', ')}.`;
}

/**
 * Tells main the page listens, so it sends what waited and pushes live from then on. Call it
 * after every `onPush` subscription of the page: effects run in order, so last in the component.
 */
export function usePushesReady(): void {
  useEffect(() => {
    unwrap(() => api()['app:ready']()).catch(() => undefined);
  }, []);
}
