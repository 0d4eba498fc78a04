/** The few words about runs that other screens show: the header's button, its banner, the row's note. */

import { useTranslation } from 'react-i18next';
import type { JobView } from '../../shared/ipc-contract';
import { Banner } from '../components/Banner';
import { useErrorWords } from '../error-words';

/** "Try other settings…" in a finished recording's header. */
export function RerunButton({ name, onClick }: { name: string; onClick(): void }) {
  const { t } = useTranslation('runs');
  return (
    <button
      type="button"
      className="btn"
      aria-label={t('rerun.openLabel', { name })}
      onClick={onClick}
    >
      {t('rerun.open')}
    </button>
  );
}

export function RerunStartedBanner({ onDismiss }: { onDismiss(): void }) {
  const { t } = useTranslation('runs');
  return (
    <Banner tone="success" role="status" onDismiss={onDismiss}>
      {t('rerun.started')}
    </Banner>
  );
}

/** On a run of a recording sent before: whether the upload was reused or sent again. */
export function SentAgainNote({ sentAgain }: Pick<JobView, 'sentAgain'>) {
  const { t } = useTranslation('runs');
  if (!sentAgain) return null;
  return (
    <p className="job-note">
      {sentAgain === 'reused' ? t('row.sentAgain') : t('row.uploadedAgain')}
    </p>
  );
}

/** What choosing a run came to, kept as it happened so its words follow a change of language. */
export type ChooseOutcome =
  { kind: 'chosen'; names: number; corrections: number } | { kind: 'failed'; error: unknown };

export function ChooseOutcomeBanner({
  outcome,
  onDismiss,
}: {
  outcome: ChooseOutcome;
  onDismiss(): void;
}) {
  const { t } = useTranslation('runs');
  const words = useErrorWords();
  if (outcome.kind === 'failed')
    return (
      <Banner tone="error" role="alert" onDismiss={onDismiss}>
        {t('list.chooseFailed', { reason: words.call(outcome.error) })}
      </Banner>
    );
  const said =
    outcome.names > 0 ? t('list.namesCarried', { count: outcome.names }) : t('list.chosenNote');
  return (
    <Banner tone="success" role="status" onDismiss={onDismiss}>
      {outcome.corrections > 0
        ? `${said} ${t('list.correctionsCarried', { count: outcome.corrections })}`
        : said}
    </Banner>
  );
}
