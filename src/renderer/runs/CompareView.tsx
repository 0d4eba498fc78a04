/**
 * Two runs of one recording side by side: their timelines one above the other on the same time
 * scale, the speakers each found and how they match, how much of the speech they agree on, and
 * the stretches where they disagree (each plays the recording from there).
 */

import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withCorrections, type CorrectedResult } from '../../shared/corrections';
import type { JobView } from '../../shared/ipc-contract';
import type { SavedResult } from '../../shared/result';
import { compareRuns } from '../../shared/run-compare';
import { chosenRunOf } from '../../shared/runs';
import { api, unwrap } from '../api';
import { Banner } from '../components/Banner';
import { useErrorWords } from '../error-words';
import { formatClock } from '../format';
import { useJobs, useJobsStore } from '../hooks/use-jobs';
import { useFormat } from '../i18n';
import { speakerColour } from '../result/palette';
import { shownName } from '../result/result-words';
import { Timeline, type TimelineLane } from '../result/Timeline';
import { buildLanes, buildTurns, recordingLength } from '../result/turns';
import { usePlayer } from '../result/use-player';
import { settingsWords } from './run-words';
import { ChooseOutcomeBanner, type ChooseOutcome } from './RunBits';

/** The comparison's heading, where focus goes when it opens. */
export const COMPARE_HEADING = 'compare-heading';

/** More stretches than this are counted, not listed. */
const MAX_LISTED = 200;

interface CompareViewProps {
  a: JobView;
  b: JobView;
  onClose(): void;
}

type Loaded =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'ready'; a: SavedResult; b: SavedResult };

export function CompareView({ a, b, onClose }: CompareViewProps) {
  const { t } = useTranslation('runs');
  const words = useErrorWords();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    Promise.all([
      unwrap(() => api()['results:get']({ id: a.id })),
      unwrap(() => api()['results:get']({ id: b.id })),
    ]).then(
      ([ra, rb]) => live && setLoaded({ kind: 'ready', a: ra, b: rb }),
      (error: unknown) => live && setLoaded({ kind: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [a.id, b.id]);

  return (
    <section className="panel compare" aria-labelledby={COMPARE_HEADING}>
      <div className="compare-header">
        <h2 id={COMPARE_HEADING}>{t('compare.heading')}</h2>
        <button type="button" className="btn" onClick={onClose}>
          {t('compare.close')}
        </button>
      </div>
      {loaded.kind === 'loading' ? <p className="loading">{t('compare.loading')}</p> : null}
      {loaded.kind === 'failed' ? (
        <Banner tone="error" role="alert">
          {t('compare.failed', { reason: words.call(loaded.error) })}
        </Banner>
      ) : null}
      {loaded.kind === 'ready' ? (
        <Compared
          jobA={a}
          jobB={b}
          a={loaded.a}
          b={loaded.b}
          onNamed={(result) => setLoaded({ ...loaded, b: result })}
        />
      ) : null}
    </section>
  );
}

interface ComparedProps {
  jobA: JobView;
  jobB: JobView;
  a: SavedResult;
  b: SavedResult;
  /** Run B's result again, after choosing it carried names over. */
  onNamed(result: SavedResult): void;
}

function Compared({ jobA, jobB, a, b, onNamed }: ComparedProps) {
  const { t, i18n } = useTranslation('runs');
  const { t: tr } = useTranslation('result');
  const format = useFormat();
  const store = useJobsStore();
  const { byId } = useJobs();
  const correctedA = useMemo(() => withCorrections(a), [a]);
  const correctedB = useMemo(() => withCorrections(b), [b]);
  const comparison = useMemo(
    () => compareRuns(correctedA.segments, correctedB.segments),
    [correctedA, correctedB],
  );
  const turnsA = useMemo(() => buildTurns(correctedA), [correctedA]);
  const { audioRef, src, problem, playhead, seek } = usePlayer(jobA.id, turnsA);
  const duration = Math.max(recordingLength(a), recordingLength(b));
  const withHours = duration >= 3600;
  const nameA = (label: string) => shownName(tr, a, label);
  const nameB = (label: string) => shownName(tr, b, label);

  // B's speakers take the colour of the speaker of A they match, so the eye pairs the lanes.
  const colourA = new Map(correctedA.speakers.map((s, i) => [s.label, speakerColour(i)]));
  const aOfB = new Map(comparison.matches.flatMap((m) => (m.b ? [[m.b, m.a] as const] : [])));
  let spare = correctedA.speakers.length;
  const colourB = new Map(
    correctedB.speakers.map((s) => {
      const matched = aOfB.get(s.label);
      const colour = matched ? colourA.get(matched) : undefined;
      return [s.label, colour ?? speakerColour(spare++)];
    }),
  );
  const lanesOf = (
    run: CorrectedResult,
    name: (label: string) => string,
    colours: Map<string, string>,
  ): TimelineLane[] => {
    const segments = buildLanes(run);
    return run.speakers.map((s, i) => ({
      label: s.label,
      name: name(s.label),
      colour: colours.get(s.label) ?? speakerColour(i),
      segments: segments[i] ?? [],
    }));
  };
  const lanesA = lanesOf(correctedA, nameA, colourA);
  const lanesB = lanesOf(correctedB, nameB, colourB);
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  const names = (labels: string[], name: (label: string) => string) =>
    labels.length === 0 ? t('compare.nobody') : list.format(labels.map(name));

  const all = useMemo(() => [...byId.values()], [byId]);
  const currentB = byId.get(jobB.id) ?? jobB;
  const bChosen = chosenRunOf(all, currentB)?.id === jobB.id;
  const [choosing, setChoosing] = useState(false);
  const [outcome, setOutcome] = useState<ChooseOutcome>();
  const choose = async () => {
    setChoosing(true);
    setOutcome(undefined);
    try {
      const answer = await unwrap(() => api()['jobs:choose-run']({ id: jobB.id }));
      store.update(answer.job);
      setOutcome({
        kind: 'chosen',
        names: answer.namesCarried,
        corrections: answer.correctionsCarried,
      });
      if (answer.namesCarried + answer.correctionsCarried > 0)
        onNamed(await unwrap(() => api()['results:get']({ id: jobB.id })));
    } catch (error) {
      setOutcome({ kind: 'failed', error });
    } finally {
      setChoosing(false);
    }
  };

  const listed = comparison.disagreements.slice(0, MAX_LISTED);
  const more = comparison.disagreements.length - listed.length;
  return (
    <>
      <audio
        ref={audioRef}
        className="player"
        controls
        preload="metadata"
        src={src}
        aria-label={t('view.player', { ns: 'result', name: a.source.name })}
      />
      {problem ? <p className="field-error">{problem}</p> : null}
      <p className="compare-agreement">
        {t('compare.agreement', { percent: format.percent(comparison.agreement) })}
      </p>
      {outcome ? (
        <ChooseOutcomeBanner outcome={outcome} onDismiss={() => setOutcome(undefined)} />
      ) : null}
      <div className="compare-run">
        <h3>{t('compare.runA', { settings: settingsWords(t, jobA.options) })}</h3>
        <p className="muted">{t('compare.found', { count: comparison.speakersA.length })}</p>
        <Timeline lanes={lanesA} duration={duration} playhead={playhead} onSeek={seek} />
      </div>
      <div className="compare-run">
        <h3>{t('compare.runB', { settings: settingsWords(t, jobB.options) })}</h3>
        <p className="muted">{t('compare.found', { count: comparison.speakersB.length })}</p>
        <Timeline lanes={lanesB} duration={duration} playhead={playhead} onSeek={seek} />
      </div>
      {bChosen ? null : (
        <p>
          <button
            type="button"
            className="btn btn-primary"
            disabled={choosing}
            onClick={() => void choose()}
          >
            {t('compare.chooseB')}
          </button>
        </p>
      )}
      <div className="compare-columns">
        <section aria-labelledby="compare-matches">
          <h3 id="compare-matches">{t('compare.matchesHeading')}</h3>
          <ul className="compare-matches">
            {comparison.matches.map((match) => (
              <li key={match.a}>
                {match.b
                  ? t('compare.match', { a: nameA(match.a), b: nameB(match.b) })
                  : t('compare.noMatchA', { a: nameA(match.a) })}
              </li>
            ))}
            {comparison.unmatchedB.map((label) => (
              <li key={`b-${label}`}>{t('compare.noMatchB', { b: nameB(label) })}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="compare-stretches">
          <h3 id="compare-stretches">{t('compare.disagreementsHeading')}</h3>
          {listed.length === 0 ? <p>{t('compare.none')}</p> : null}
          <ul className="compare-stretches">
            {listed.map((stretch) => {
              const start = formatClock(stretch.start, withHours);
              return (
                <li key={`${stretch.start}-${stretch.end}`}>
                  <button
                    type="button"
                    className="btn btn-quiet btn-small compare-stretch"
                    title={t('compare.playFrom', { time: start })}
                    onClick={() => seek(stretch.start, true)}
                  >
                    {t('compare.stretch', {
                      start,
                      end: formatClock(stretch.end, withHours),
                      a: names(stretch.a, nameA),
                      b: names(stretch.b, nameB),
                    })}
                  </button>
                </li>
              );
            })}
          </ul>
          {more > 0 ? <p className="muted">{t('compare.more', { count: more })}</p> : null}
        </section>
      </div>
    </>
  );
}
