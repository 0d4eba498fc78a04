/** Loads a job's saved result and renames speakers, showing a new name at once and confirming it with main. */

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CorrectionChange } from '../../shared/ipc-contract';
import type { SavedResult } from '../../shared/result';
import { api, unwrap } from '../api';
import { useErrorWords } from '../error-words';

export type ResultState =
  { kind: 'loading' } | { kind: 'failed'; error: unknown } | { kind: 'ready'; result: SavedResult };

export function useResult(jobId: string, onError: (message: string) => void) {
  const words = useErrorWords();
  const { t } = useTranslation('result');
  const [state, setState] = useState<ResultState>({ kind: 'loading' });
  const latest = useRef<SavedResult | undefined>(undefined);

  useEffect(() => {
    let live = true;
    unwrap(() => api()['results:get']({ id: jobId }))
      .then((result) => {
        if (!live) return;
        latest.current = result;
        setState({ kind: 'ready', result });
      })
      .catch((error: unknown) => live && setState({ kind: 'failed', error }));
    return () => {
      live = false;
    };
  }, [jobId]);

  const rename = useCallback(
    async (label: string, name: string) => {
      const before = latest.current;
      if (!before) return;
      const show = (result: SavedResult) => {
        latest.current = result;
        setState({ kind: 'ready', result });
      };
      show({ ...before, speakerNames: { ...before.speakerNames, [label]: name } });
      try {
        show(await unwrap(() => api()['results:rename-speaker']({ id: jobId, label, name })));
      } catch (failure) {
        show(before);
        onError(t('view.nameNotSaved', { reason: words.call(failure) }));
      }
    },
    [jobId, onError, t, words],
  );

  /** Sends one correction (or undo, redo, revert); the view shows what main saved. */
  const correct = useCallback(
    async (change: CorrectionChange) => {
      if (!latest.current) return;
      try {
        const result = await unwrap(() => api()['results:correct']({ id: jobId, change }));
        latest.current = result;
        setState({ kind: 'ready', result });
      } catch (failure) {
        onError(t('view.correctionNotSaved', { reason: words.call(failure) }));
      }
    },
    [jobId, onError, t, words],
  );

  return { state, rename, correct };
}
