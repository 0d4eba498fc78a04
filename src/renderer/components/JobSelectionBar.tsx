/**
 * Several recordings at once: "Select all shown" beside the search, and, once some are chosen,
 * the bar "3 selected: Retry · Remove · Clear selection" that acts on all of them.
 */

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../shared/ipc-contract';
import { useFormat } from '../use-format';
import { BareCheckbox } from './CheckboxField';

/** Where focus goes after an action of the bar (the bar itself goes when nothing is chosen). */
export const SELECT_ALL_ID = 'jobs-select-all';

interface SelectAllProps {
  shown: number;
  chosen: number;
  onToggle(): void;
}

/** Checked when every job shown is chosen, half-checked when some are. */
export function SelectAllShown({ shown, chosen, onToggle }: SelectAllProps) {
  const { t } = useTranslation('jobs');
  return (
    <label className="jobs-select-all">
      <BareCheckbox
        id={SELECT_ALL_ID}
        checked={shown > 0 && chosen === shown}
        indeterminate={chosen > 0 && chosen < shown}
        disabled={shown === 0}
        onToggle={onToggle}
      />
      <span>{t('selection.allShown')}</span>
    </label>
  );
}

/** An action under way on the chosen jobs: which, and how far. */
export interface BulkProgress {
  verb: 'retry' | 'remove';
  done: number;
  total: number;
}

interface SelectionBarProps {
  /** The chosen jobs shown, in the order shown. */
  jobs: readonly JobView[];
  /** How many of them each action applies to (Retry: failed or canceled; Remove: finished). */
  canRetry: number;
  canRemove: number;
  progress: BulkProgress | undefined;
  onRetry(): void;
  onRemove(): void;
  onClear(): void;
  /**
   * More actions on the same jobs, placed between Remove and Clear selection: the place for
   * "Export…" (several recordings at once), which gets `jobs` as they are here.
   */
  extraActions?: ReactNode;
}

export function JobSelectionBar(props: SelectionBarProps) {
  const { jobs, canRetry, canRemove, progress, onRetry, onRemove, onClear, extraActions } = props;
  const { t } = useTranslation('jobs');
  const format = useFormat();
  const busy = progress !== undefined;
  return (
    <div className="selection-bar" role="group" aria-labelledby="selection-count">
      <span className="selection-count" id="selection-count">
        {t('selection.count', { count: jobs.length, n: format.count(jobs.length) })}
      </span>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy || canRetry === 0}
        onClick={onRetry}
      >
        {t('selection.retry')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy || canRemove === 0}
        onClick={onRemove}
      >
        {t('selection.remove')}
      </button>
      {extraActions}
      <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={onClear}>
        {t('selection.clear')}
      </button>
      {progress ? (
        <span className="selection-progress" role="status">
          {t(progress.verb === 'retry' ? 'selection.retrying' : 'selection.removing', {
            done: format.count(progress.done),
            total: format.count(progress.total),
          })}
        </span>
      ) : null}
    </div>
  );
}
