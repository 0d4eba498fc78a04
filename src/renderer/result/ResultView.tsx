/** A saved result: header with export, the player, the speaker timeline, the speakers and every turn. */

import type { TFunction } from 'i18next';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canRedo, canUndo, withCorrections } from '../../shared/corrections';
import type { CorrectionChange, JobView } from '../../shared/ipc-contract';
import type { SavedResult } from '../../shared/result';
import { byId, FOCUS_TARGETS, moveFocus } from '../focus';
import { formatHms } from '../format';
import { useFormat } from '../i18n';
import { Banner } from '../components/Banner';
import { ExportDialog } from './ExportDialog';
import { speakerColour } from './palette';
import { SpeakersPanel, type SpeakerEntry } from './SpeakersPanel';
import { Timeline, type TimelineLane } from './Timeline';
import { CorrectionsBar } from './CorrectionsBar';
import { describeEdit, shownName } from './result-words';
import { buildLanes, buildTurns, recordingLength } from './turns';
import { TurnsList } from './TurnsList';
import { usePlayer } from './use-player';
import { useResult } from './use-result';
import { useErrorWords } from '../error-words';
import { useJobsStore } from '../hooks/use-jobs';
import { COMPARE_HEADING, CompareView } from '../runs/CompareView';
import { RerunDialog } from '../runs/RerunDialog';
import { RunsPanel } from '../runs/RunsPanel';
import { RerunButton, RerunStartedBanner } from '../runs/RunBits';
import { api, unwrap } from '../api';

interface ResultViewProps {
  job: JobView;
  onBack(): void;
  onError(message: string): void;
  /** Opens another run of the recording. */
  onOpenJob?: (job: JobView) => void;
}

export default function ResultView({ job, onBack, onError, onOpenJob }: ResultViewProps) {
  const { t } = useTranslation('result');
  const words = useErrorWords();
  const { state, rename, correct } = useResult(job.id, onError);

  if (state.kind !== 'ready') {
    return (
      <div className="result">
        <ResultHeader title={job.source.name} onBack={onBack} />
        {state.kind === 'loading' ? (
          <p className="loading">{t('view.loading')}</p>
        ) : (
          <Banner tone="error" role="alert">
            {words.call(state.error)}
          </Banner>
        )}
      </div>
    );
  }
  return (
    <LoadedResult
      job={job}
      result={state.result}
      onBack={onBack}
      onRename={rename}
      onCorrect={correct}
      {...(onOpenJob ? { onOpenJob } : {})}
    />
  );
}

interface LoadedResultProps {
  job: JobView;
  result: SavedResult;
  onBack(): void;
  onRename(label: string, name: string): Promise<void>;
  onCorrect(change: CorrectionChange): Promise<void>;
  onOpenJob?: (job: JobView) => void;
}

function LoadedResult(props: LoadedResultProps) {
  const { job, result: saved, onBack, onRename, onCorrect, onOpenJob } = props;
  const { t } = useTranslation('result');
  const store = useJobsStore();
  const format = useFormat();
  const [exporting, setExporting] = useState(false);
  const [savedAs, setSavedAs] = useState<{ fileName: string; exportId: string }>();
  const [showFailed, setShowFailed] = useState<string>();
  const errorWords = useErrorWords();
  // "Try other settings…" and comparing two runs of the recording (src/renderer/runs).
  const [rerunning, setRerunning] = useState(false);
  const [rerunStarted, setRerunStarted] = useState(false);
  const [comparing, setComparing] = useState<JobView>();
  const [selection, setSelection] = useState<ReadonlySet<number>>(() => new Set());
  // pyannoteAI's result with the person's corrections in force: everything below shows this.
  const { segments: rawSegments, exclusiveSegments, transcription: rawTranscription } = saved;
  const corrections = saved.corrections;
  const corrected = useMemo(
    () =>
      withCorrections({
        ...saved,
        segments: rawSegments,
        exclusiveSegments,
        transcription: rawTranscription,
        corrections,
      }),
    // Names do not change the turns, so a rename does not rebuild them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rawSegments, exclusiveSegments, rawTranscription, corrections],
  );
  const result = useMemo(
    () => ({ ...corrected, speakerNames: saved.speakerNames }),
    [corrected, saved.speakerNames],
  );
  // Turns and lanes depend only on the segments, so renaming a speaker does not rebuild them.
  const { segments, transcription, options, speakers: summaries } = corrected;
  const turns = useMemo(
    () => buildTurns({ segments, transcription, options }),
    [segments, transcription, options],
  );
  const laneSegments = useMemo(
    () => buildLanes({ segments, speakers: summaries }),
    [segments, summaries],
  );
  const duration = recordingLength(result);
  const { audioRef, src, problem, playhead, seek, canLocate, locate, locating, locateProblem } =
    usePlayer(job.id, turns);

  // Colours follow pyannoteAI's speakers, so a merge does not repaint the others.
  const speakers = useMemo<SpeakerEntry[]>(() => {
    const colourOf = new Map(saved.speakers.map((s, index) => [s.label, index]));
    return result.speakers.map((summary) => {
      let index = colourOf.get(summary.label);
      if (index === undefined) {
        index = colourOf.size;
        colourOf.set(summary.label, index);
      }
      return { summary, name: shownName(t, result, summary.label), colour: speakerColour(index) };
    });
  }, [result, saved.speakers, t]);
  const lanes = useMemo<TimelineLane[]>(
    () =>
      speakers.map((speaker, index) => ({
        label: speaker.summary.label,
        name: speaker.name,
        colour: speaker.colour,
        segments: laneSegments[index] ?? [],
      })),
    [speakers, laneSegments],
  );
  const byLabel = useMemo(
    () => new Map(speakers.map((s) => [s.summary.label, { name: s.name, colour: s.colour }])),
    [speakers],
  );

  const change = useCallback(
    (next: CorrectionChange) => {
      setSelection(new Set());
      void onCorrect(next);
    },
    [onCorrect],
  );
  const select = useCallback((index: number, adding: boolean) => {
    setSelection((before) => {
      if (!adding) return new Set([index]);
      const next = new Set(before);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  }, []);
  const selectedTurns = useMemo(
    () =>
      [...selection]
        .sort((a, b) => a - b)
        .map((index) => turns[index])
        .filter((turn) => turn !== undefined),
    [selection, turns],
  );

  const speakerCount = result.speakers.length;
  const meta = [
    formatHms(duration),
    t('view.speakers', { count: speakerCount }),
    result.options.model === 'precision-2' ? 'Precision-2' : 'Community-1',
  ];
  if (result.completedAt)
    meta.push(t('view.finished', { date: format.dateTime(result.completedAt) }));
  const nameOf = (label: string) => shownName(t, result, label);

  if (comparing)
    return (
      <div className="result">
        <ResultHeader title={result.source.name} meta={meta.join(' · ')} onBack={onBack} />
        <CompareView
          a={job}
          b={comparing}
          onClose={() => {
            setComparing(undefined);
            moveFocus(byId(FOCUS_TARGETS.resultHeading));
          }}
        />
      </div>
    );
  return (
    <div className="result">
      <ResultHeader
        title={result.source.name}
        meta={meta.join(' · ')}
        onBack={onBack}
        onExport={() => setExporting(true)}
        onRerun={() => setRerunning(true)}
      />
      {rerunStarted ? <RerunStartedBanner onDismiss={() => setRerunStarted(false)} /> : null}
      <RunsPanel
        job={job}
        onOpen={(run) => onOpenJob?.(run)}
        onCompare={(run) => {
          setComparing(run);
          moveFocus(byId(COMPARE_HEADING));
        }}
      />
      {rerunning ? (
        <RerunDialog
          job={job}
          onClose={() => setRerunning(false)}
          onStarted={(run) => {
            store.update(run);
            setRerunning(false);
            setRerunStarted(true);
          }}
        />
      ) : null}
      {savedAs ? (
        <Banner
          tone="success"
          role="status"
          onDismiss={() => setSavedAs(undefined)}
          actions={
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setShowFailed(undefined);
                unwrap(() => api()['exports:show']({ exportId: savedAs.exportId })).catch(
                  (failure: unknown) => setShowFailed(errorWords.call(failure)),
                );
              }}
            >
              {t('view.showInFolder')}
            </button>
          }
        >
          {t('view.savedAs', { file: savedAs.fileName })}
        </Banner>
      ) : null}
      {showFailed ? (
        <Banner tone="warning" role="alert" onDismiss={() => setShowFailed(undefined)}>
          {showFailed}
        </Banner>
      ) : null}
      {result.warning ? (
        <Banner tone="warning" role="note">
          {result.warning}
        </Banner>
      ) : null}
      <div className="panel player-panel">
        <audio
          ref={audioRef}
          className="player"
          controls
          preload="metadata"
          src={src}
          aria-label={t('view.player', { name: result.source.name })}
        />
        {problem ? <p className="field-error">{problem}</p> : null}
        {canLocate ? (
          <p className="form-actions">
            <button
              type="button"
              className="btn btn-small"
              disabled={locating}
              onClick={() =>
                void locate().then((located) => {
                  if (located) store.update(located);
                })
              }
            >
              {t('view.locate')}
            </button>
          </p>
        ) : null}
        {locateProblem ? (
          <p className="field-error" role="alert">
            {locateProblem}
          </p>
        ) : null}
        <Timeline
          lanes={lanes}
          duration={duration}
          playhead={playhead}
          onSeek={(time) => seek(time)}
        />
      </div>
      <CorrectionsBar
        selected={selectedTurns}
        turns={turns}
        playhead={playhead}
        speakers={speakers.map((s) => ({ label: s.summary.label, name: s.name }))}
        canUndo={canUndo(corrections)}
        canRedo={canRedo(corrections)}
        undoes={lastEdit(t, corrections, 0, nameOf)}
        redoes={lastEdit(t, corrections, 1, nameOf)}
        corrections={corrected.editCount - corrected.skipped.length}
        withHours={duration >= 3600}
        onChange={change}
      />
      <div className="result-columns">
        <SpeakersPanel
          jobId={job.id}
          speakers={speakers}
          matches={saved.matches}
          onRename={(label, name) => void onRename(label, name)}
          onMerge={(from, into) => change({ type: 'edit', edit: { kind: 'merge', from, into } })}
        />
        <TurnsList
          turns={turns}
          speakers={byLabel}
          withHours={duration >= 3600}
          playhead={playhead}
          onPlayFrom={(time) => seek(time, true)}
          selected={selection}
          onSelect={select}
        />
      </div>
      {exporting ? (
        <ExportDialog jobId={job.id} onSaved={setSavedAs} onClose={() => setExporting(false)} />
      ) : null}
    </div>
  );
}

/** The edit Undo (`offset` 0) or Redo (`offset` 1) would act on, in words. */
function lastEdit(
  t: TFunction<'result'>,
  log: SavedResult['corrections'],
  offset: 0 | 1,
  nameOf: (label: string) => string,
): string | undefined {
  if (!log) return undefined;
  const edit = log.edits[log.cursor - 1 + offset];
  return edit ? describeEdit(t, edit, nameOf) : undefined;
}

/** A symbol, not a word: the same in every language. */
const BACK_ARROW = '←';

interface ResultHeaderProps {
  title: string;
  meta?: string;
  onBack(): void;
  onExport?: () => void;
  onRerun?: () => void;
}

function ResultHeader({ title, meta, onBack, onExport, onRerun }: ResultHeaderProps) {
  const { t } = useTranslation('result');
  return (
    <div className="result-header">
      <button type="button" className="btn btn-quiet" onClick={onBack}>
        <span aria-hidden="true">{BACK_ARROW}</span> {t('view.back')}
      </button>
      <div className="result-title">
        <h1 id={FOCUS_TARGETS.resultHeading} title={title}>
          {title}
        </h1>
        {meta ? <p className="muted">{meta}</p> : null}
      </div>
      {onRerun ? <RerunButton name={title} onClick={onRerun} /> : null}
      {onExport ? (
        <button type="button" className="btn btn-primary" onClick={onExport}>
          {t('view.export')}
        </button>
      ) : null}
    </div>
  );
}
