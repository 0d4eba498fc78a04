/** The All / In progress / Done / Failed switches above the job list, each with its count. */

import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { JOB_FILTERS, type JobFilter } from '../store/job-filters';

interface JobFiltersProps {
  value: JobFilter;
  counts: Readonly<Record<JobFilter, number>>;
  onChange(filter: JobFilter): void;
}

/**
 * Memoized: the job list re-renders on every scroll frame (the virtualizer's window moves), but
 * the counts change only when jobs do, so the filters skip those renders.
 */
export const JobFilters = memo(function JobFilters({ value, counts, onChange }: JobFiltersProps) {
  const { t } = useTranslation('jobs');
  const format = useFormat();
  return (
    <div className="filters" role="group" aria-label={t('filters.label')}>
      {JOB_FILTERS.map((filter) => (
        <button
          key={filter}
          type="button"
          className="filter"
          aria-pressed={value === filter}
          // The count is read as a description so the button's name stays just "Done" etc.
          aria-describedby={`filter-count-${filter}`}
          onClick={() => onChange(filter)}
        >
          <span>{t(`filters.${filter}`)}</span>
          <span className="filter-count" id={`filter-count-${filter}`} aria-hidden="true">
            {format.count(counts[filter])}
          </span>
        </button>
      ))}
    </div>
  );
});
