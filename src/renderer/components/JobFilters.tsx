/* eslint-disable i18next/no-literal-string -- not translated yet (issue 15) */
/** The All / In progress / Done / Failed switches above the job list, each with its count. */

import { memo } from 'react';
import { formatCount } from '../format';
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
  return (
    <div className="filters" role="group" aria-label="Show jobs">
      {JOB_FILTERS.map((filter) => (
        <button
          key={filter.id}
          type="button"
          className="filter"
          aria-pressed={value === filter.id}
          // The count is read as a description so the button's name stays just "Done" etc.
          aria-describedby={`filter-count-${filter.id}`}
          onClick={() => onChange(filter.id)}
        >
          <span>{filter.label}</span>
          <span className="filter-count" id={`filter-count-${filter.id}`} aria-hidden="true">
            {formatCount(counts[filter.id])}
          </span>
        </button>
      ))}
    </div>
  );
});
