/** Loads a job's saved result and renames speakers, showing a new name at once and confirming it with main. */

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CorrectionChange } from '../../shared/ipc-contract';
import type { SavedResult } from '../../shared/result';
import { api, messageOf, unwrap } from '../api';

export type ResultState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; result: SavedResult };

export function useResult(jobId: string, onError: (message: string) => void) {
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
      .catch((error: unknown) => live && setState({ kind: 'failed', message: messageOf(error) }));
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
        onError(t('view.nameNotSaved', { reason: messageOf(failure) }));
      }
    },
    [jobId, onError, t],
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
        onError(t('view.correctionNotSaved', { reason: messageOf(failure) }));
      }
    },
    [jobId, onError, t],
  );

  return { state, rename, correct };
}
