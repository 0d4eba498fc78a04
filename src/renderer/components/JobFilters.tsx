/**
 * Above the job list: the All / In progress / Done / Failed switches, each with its count, and
 * the search by name and the sort.
 */

import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { JOB_FILTERS, type JobFilter } from '../store/job-filters';
import { JOB_SORTS, type JobSort } from '../store/job-query';

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

interface JobToolsProps {
  search: string;
  onSearchChange(search: string): void;
  sort: JobSort;
  onSortChange(sort: JobSort): void;
  /** Shown first in the row ("Select all shown"). */
  children?: ReactNode;
}

/** Search by name (filters as one types) and the sort, above the list. */
export const JobTools = memo(function JobTools(props: JobToolsProps) {
  const { search, onSearchChange, sort, onSortChange, children } = props;
  const { t } = useTranslation('jobs');
  return (
    <div className="jobs-tools">
      {children}
      <input
        type="search"
        id={JOB_SEARCH_ID}
        className="text-input jobs-search"
        aria-label={t('search.label')}
        placeholder={t('search.label')}
        value={search}
        onChange={(event) => onSearchChange(event.target.value)}
        // Escape in a search field clears it; the list stays where it is.
        onKeyDown={(event) => {
          if (event.key === 'Escape' && search !== '') {
            event.preventDefault();
            onSearchChange('');
          }
        }}
      />
      <label className="jobs-sort">
        <span>{t('sort.label')}</span>
        <select
          className="select"
          value={sort}
          onChange={(event) => onSortChange(event.target.value as JobSort)}
        >
          {JOB_SORTS.map((id) => (
            <option key={id} value={id}>
              {t(`sort.${id}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
});

/** The search field, where focus goes after "Clear search". */
export const JOB_SEARCH_ID = 'job-search';
