/** The speakers found: colour, a name field for each (saved on Enter or when leaving it), and speaking time. */

import { useState, type KeyboardEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { SpeakerSummary } from '../../shared/result';
import type { SpeakerMatch } from '../../shared/voices';
import { SpeakerVoice } from '../voices/SpeakerVoice';
import { useFormat } from '../use-format';
import { useDefaultName } from './result-words';

export interface SpeakerEntry {
  summary: SpeakerSummary;
  name: string;
  colour: string;
}

interface SpeakersPanelProps {
  /** The job whose result this is (for "Remember this voice"). */
  jobId: string;
  speakers: readonly SpeakerEntry[];
  /** What "Recognise known voices" found, by speaker. */
  matches?: readonly SpeakerMatch[] | undefined;
  onRename(label: string, name: string): void;
  /** "`from` is the same person as `into`". */
  onMerge(from: string, into: string): void;
}

export function SpeakersPanel({ jobId, speakers, matches, onRename, onMerge }: SpeakersPanelProps) {
  const { t } = useTranslation('result');
  const total = speakers.reduce((sum, s) => sum + s.summary.totalSeconds, 0);
  return (
    <section className="panel speakers-panel" aria-labelledby="speakers-heading">
      <h2 id="speakers-heading" className="subheading">
        {t('speakers.heading')}
      </h2>
      <p className="muted small">{t('speakers.hint')}</p>
      <ul className="speaker-list">
        {speakers.map((speaker) => (
          <SpeakerItem
            key={speaker.summary.label}
            jobId={jobId}
            speaker={speaker}
            match={matches?.find((m) => m.speaker === speaker.summary.label)}
            share={total > 0 ? speaker.summary.totalSeconds / total : 0}
            others={speakers.filter((s) => s.summary.label !== speaker.summary.label)}
            onRename={onRename}
            onMerge={onMerge}
          />
        ))}
      </ul>
    </section>
  );
}

function SpeakerItem({
  jobId,
  speaker,
  match,
  share,
  others,
  onRename,
  onMerge,
}: {
  jobId: string;
  speaker: SpeakerEntry;
  match: SpeakerMatch | undefined;
  share: number;
  others: readonly SpeakerEntry[];
  onRename(label: string, name: string): void;
  onMerge(from: string, into: string): void;
}) {
  const { t, i18n } = useTranslation('result');
  const format = useFormat();
  const defaultName = useDefaultName();
  const { label, totalSeconds, turnCount } = speaker.summary;
  const fallback = defaultName(label);
  const shown = speaker.name === fallback ? '' : speaker.name;
  const [draft, setDraft] = useState(shown);
  // A name saved elsewhere (or reverted after a failed save) replaces what the field shows.
  const [lastShown, setLastShown] = useState(shown);
  if (shown !== lastShown) {
    setLastShown(shown);
    setDraft(shown);
  }
  const inputId = `speaker-name-${label}`;
  const warningId = `speaker-name-warning-${label}`;
  // Two speakers with one name are told apart nowhere (exports included): say so, without refusing it.
  const typed = draft.trim() || fallback;
  const sameName = others.filter((other) => sameText(other.name, typed));
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });

  const commit = () => {
    const name = draft.trim();
    if (name !== shown) onRename(label, name);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
    if (event.key === 'Escape') setDraft(shown);
  };

  return (
    <li className="speaker-item">
      <span
        className="swatch swatch-large"
        style={{ backgroundColor: speaker.colour }}
        aria-hidden="true"
      />
      <div className="speaker-fields">
        <label htmlFor={inputId} className="speaker-label">
          <Trans
            t={t}
            i18nKey="speakers.nameFor"
            values={{ speaker: fallback }}
            components={[<span key="hidden" className="visually-hidden" />]}
          />
        </label>
        <input
          id={inputId}
          className="text-input"
          value={draft}
          placeholder={fallback}
          maxLength={100}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
          aria-describedby={sameName.length > 0 ? warningId : undefined}
        />
        {sameName.length > 0 ? (
          <p id={warningId} className="field-warning">
            {t('speakers.sameName', {
              count: sameName.length,
              others: list.format(sameName.map((other) => defaultName(other.summary.label))),
              name: typed,
            })}
          </p>
        ) : null}
        <p className="speaker-stats">
          {t('speakers.stats', {
            length: format.duration(totalSeconds),
            share: format.percent(share),
          })}
          <span aria-hidden="true"> · </span>
          {t('speakers.turns', { count: turnCount })}
        </p>
        <div className="share-bar" aria-hidden="true">
          <span style={{ width: `${share * 100}%`, backgroundColor: speaker.colour }} />
        </div>
        <SpeakerVoice
          jobId={jobId}
          label={label}
          name={speaker.name}
          named={shown !== ''}
          totalSeconds={totalSeconds}
          match={match}
        />
        {others.length > 0 ? (
          <label className="speaker-merge">
            <span>{t('speakers.samePerson', { name: speaker.name })}</span>
            <select
              className="select"
              value=""
              onChange={(event) => event.target.value && onMerge(label, event.target.value)}
            >
              <option value="">{t('speakers.choose')}</option>
              {others.map((other) => (
                <option key={other.summary.label} value={other.summary.label}>
                  {other.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
    </li>
  );
}

/** Names that read the same (case and spaces aside). */
function sameText(a: string, b: string): boolean {
  return a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'accent' }) === 0;
}
