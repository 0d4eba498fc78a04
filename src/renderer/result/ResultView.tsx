/** A saved result: header with export, the player, the speaker timeline, the speakers and every turn. */

import { useMemo, useState } from 'react';
import type { JobView } from '../../shared/ipc-contract';
import { speakerName, type SavedResult } from '../../shared/result';
import { FOCUS_TARGETS } from '../focus';
import { formatHms } from '../format';
import { Banner } from '../components/Banner';
import { ExportDialog } from './ExportDialog';
import { speakerColour } from './palette';
import { SpeakersPanel, type SpeakerEntry } from './SpeakersPanel';
import { Timeline, type TimelineLane } from './Timeline';
import { buildLanes, buildTurns, recordingLength } from './turns';
import { TurnsList } from './TurnsList';
import { usePlayer } from './use-player';
import { useResult } from './use-result';

interface ResultViewProps {
  job: JobView;
  onBack(): void;
  onError(message: string): void;
}

export default function ResultView({ job, onBack, onError }: ResultViewProps) {
  const { state, rename } = useResult(job.id, onError);

  if (state.kind !== 'ready') {
    return (
      <div className="result">
        <ResultHeader title={job.source.name} onBack={onBack} />
        {state.kind === 'loading' ? (
          <p className="loading">Opening the result…</p>
        ) : (
          <Banner tone="error" role="alert">
            {state.message}
          </Banner>
        )}
      </div>
    );
  }
  return <LoadedResult job={job} result={state.result} onBack={onBack} onRename={rename} />;
}

interface LoadedResultProps {
  job: JobView;
  result: SavedResult;
  onBack(): void;
  onRename(label: string, name: string): Promise<void>;
}

function LoadedResult({ job, result, onBack, onRename }: LoadedResultProps) {
  const [exporting, setExporting] = useState(false);
  const [savedAs, setSavedAs] = useState<string>();
  // Turns and lanes depend only on the segments, so renaming a speaker does not rebuild them.
  const { segments, transcription, options, speakers: summaries } = result;
  const turns = useMemo(
    () => buildTurns({ segments, transcription, options }),
    [segments, transcription, options],
  );
  const laneSegments = useMemo(
    () => buildLanes({ segments, speakers: summaries }),
    [segments, summaries],
  );
  const duration = recordingLength(result);
  const { audioRef, src, problem, playhead, seek } = usePlayer(job.id, turns);

  const speakers = useMemo<SpeakerEntry[]>(
    () =>
      result.speakers.map((summary, index) => ({
        summary,
        name: speakerName(result, summary.label),
        colour: speakerColour(index),
      })),
    [result],
  );
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

  const speakerCount = result.speakers.length;
  const meta = [
    formatHms(duration),
    speakerCount === 1 ? '1 speaker' : `${speakerCount} speakers`,
    result.options.model === 'precision-2' ? 'Precision-2' : 'Community-1',
  ];
  if (result.completedAt) meta.push(`finished ${new Date(result.completedAt).toLocaleString()}`);

  return (
    <div className="result">
      <ResultHeader
        title={result.source.name}
        meta={meta.join(' · ')}
        onBack={onBack}
        onExport={() => setExporting(true)}
      />
      {savedAs ? (
        <Banner tone="success" role="status" onDismiss={() => setSavedAs(undefined)}>
          {`Saved as ${savedAs}`}
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
          aria-label={`Recording: ${result.source.name}`}
        />
        {problem ? <p className="field-error">{problem}</p> : null}
        <Timeline
          lanes={lanes}
          duration={duration}
          playhead={playhead}
          onSeek={(time) => seek(time)}
        />
      </div>
      <div className="result-columns">
        <SpeakersPanel speakers={speakers} onRename={(label, name) => void onRename(label, name)} />
        <TurnsList
          turns={turns}
          speakers={byLabel}
          withHours={duration >= 3600}
          playhead={playhead}
          onPlayFrom={(time) => seek(time, true)}
        />
      </div>
      {exporting ? (
        <ExportDialog jobId={job.id} onSaved={setSavedAs} onClose={() => setExporting(false)} />
      ) : null}
    </div>
  );
}

interface ResultHeaderProps {
  title: string;
  meta?: string;
  onBack(): void;
  onExport?: () => void;
}

function ResultHeader({ title, meta, onBack, onExport }: ResultHeaderProps) {
  return (
    <div className="result-header">
      <button type="button" className="btn btn-quiet" onClick={onBack}>
        <span aria-hidden="true">←</span> Back to jobs
      </button>
      <div className="result-title">
        <h1 id={FOCUS_TARGETS.resultHeading} title={title}>
          {title}
        </h1>
        {meta ? <p className="muted">{meta}</p> : null}
      </div>
      {onExport ? (
        <button type="button" className="btn btn-primary" onClick={onExport}>
          Export…
        </button>
      ) : null}
    </div>
  );
}
