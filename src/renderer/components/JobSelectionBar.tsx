/**
 * Several recordings at once: "Select all shown" beside the search, and, once some are chosen,
 * the bar "3 selected: Retry · Remove · Export… · Clear selection" that acts on all of them.
 */

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

/** The bar's actions on the chosen jobs, in the order shown. */
export const BULK_VERBS = ['retry', 'remove', 'export'] as const;
export type BulkVerb = (typeof BULK_VERBS)[number];

/** An action under way on the chosen jobs: which, and how far. */
export interface BulkProgress {
  verb: BulkVerb;
  done: number;
  total: number;
}

/** Each action's button and its "under way" words. */
const VERB_WORDS = {
  retry: { button: 'selection.retry', busy: 'selection.retrying' },
  remove: { button: 'selection.remove', busy: 'selection.removing' },
  export: { button: 'selection.export', busy: 'selection.exporting' },
} as const satisfies Record<BulkVerb, { button: string; busy: string }>;

interface SelectionBarProps {
  /** The chosen jobs shown, in the order shown. */
  jobs: readonly JobView[];
  /**
   * How many of them each action applies to (Retry: failed or canceled; Remove: finished;
   * Export: with a result); an action that applies to none is disabled.
   */
  applies: Record<BulkVerb, number>;
  progress: BulkProgress | undefined;
  onAction(verb: BulkVerb): void;
  onClear(): void;
}

export function JobSelectionBar(props: SelectionBarProps) {
  const { jobs, applies, progress, onAction, onClear } = props;
  const { t } = useTranslation('jobs');
  const format = useFormat();
  const busy = progress !== undefined;
  return (
    <div className="selection-bar" role="group" aria-labelledby="selection-count">
      <span className="selection-count" id="selection-count">
        {t('selection.count', { count: jobs.length, n: format.count(jobs.length) })}
      </span>
      {BULK_VERBS.map((verb) => (
        <button
          key={verb}
          type="button"
          className="btn btn-small"
          disabled={busy || applies[verb] === 0}
          onClick={() => onAction(verb)}
        >
          {t(VERB_WORDS[verb].button)}
        </button>
      ))}
      <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={onClear}>
        {t('selection.clear')}
      </button>
      {progress ? (
        <span className="selection-progress" role="status">
          {t(VERB_WORDS[progress.verb].busy, {
            done: format.count(progress.done),
            total: format.count(progress.total),
          })}
        </span>
      ) : null}
    </div>
  );
}
