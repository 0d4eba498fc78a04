/**
 * The runs of a recording, in the result view: "Runs: 2 — Precision-2, auto (chosen) · Community-1,
 * exactly 3", each with when it ran, and Open, Compare, Choose as the result.
 */

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../shared/ipc-contract';
import { chosenRunOf, runsOf } from '../../shared/runs';
import { api, unwrap } from '../api';
import { useJobs, useJobsStore } from '../hooks/use-jobs';
import { useFormat } from '../i18n';
import { settingsWords } from './run-words';
import { ChooseOutcomeBanner, type ChooseOutcome } from './RunBits';

interface RunsPanelProps {
  /** The run shown in the result view. */
  job: JobView;
  onOpen(run: JobView): void;
  onCompare(run: JobView): void;
}

export function RunsPanel({ job, onOpen, onCompare }: RunsPanelProps) {
  const { t } = useTranslation('runs');
  const format = useFormat();
  const store = useJobsStore();
  const { byId } = useJobs();
  const [choosing, setChoosing] = useState<string>();
  const [outcome, setOutcome] = useState<ChooseOutcome>();
  const all = useMemo(() => [...byId.values()], [byId]);
  const current = byId.get(job.id) ?? job;
  const runs = useMemo(() => runsOf(all, current), [all, current]);
  const chosen = useMemo(() => chosenRunOf(all, current), [all, current]);
  if (runs.length < 2 && !outcome) return null;

  const choose = async (run: JobView) => {
    setChoosing(run.id);
    setOutcome(undefined);
    try {
      const answer = await unwrap(() => api()['jobs:choose-run']({ id: run.id }));
      store.update(answer.job);
      setOutcome({
        kind: 'chosen',
        names: answer.namesCarried,
        corrections: answer.correctionsCarried,
      });
    } catch (error) {
      setOutcome({ kind: 'failed', error });
    } finally {
      setChoosing(undefined);
    }
  };

  const stateWords = (run: JobView) => {
    if (run.state === 'succeeded')
      return t('list.ran', { date: format.dateTime(run.finishedAt ?? run.updatedAt) });
    if (run.state === 'failed') return t('list.failed');
    if (run.state === 'canceled') return t('list.canceled');
    return t('list.busy');
  };

  return (
    <section className="panel runs-panel" aria-labelledby={`runs-${job.id}`}>
      <h2 id={`runs-${job.id}`} className="runs-heading">
        {t('list.heading', { count: runs.length })}
      </h2>
      {outcome ? (
        <ChooseOutcomeBanner outcome={outcome} onDismiss={() => setOutcome(undefined)} />
      ) : null}
      <ul className="runs-list">
        {runs.map((run) => {
          const settings = settingsWords(t, run.options);
          const isChosen = chosen?.id === run.id;
          const isShown = run.id === job.id;
          const done = run.state === 'succeeded';
          return (
            <li key={run.id} className={isShown ? 'run run-shown' : 'run'}>
              <span className="run-settings">{settings}</span>
              {isChosen ? <span className="run-chosen">{` ${t('list.chosen')}`}</span> : null}
              <span className="muted run-when">{` · ${stateWords(run)}`}</span>
              {isShown ? <span className="muted">{` · ${t('list.shown')}`}</span> : null}
              <span className="run-actions">
                {done && !isShown ? (
                  <>
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t('list.openLabel', { settings })}
                      onClick={() => onOpen(run)}
                    >
                      {t('list.open')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t('list.compareLabel', { settings })}
                      onClick={() => onCompare(run)}
                    >
                      {t('list.compare')}
                    </button>
                  </>
                ) : null}
                {done && !isChosen ? (
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    aria-label={t('list.chooseLabel', { settings })}
                    disabled={choosing !== undefined}
                    onClick={() => void choose(run)}
                  >
                    {t('list.choose')}
                  </button>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
