/** The chosen recordings waiting to be sent, with the options for this batch and the "Start" button. */

import { useId, useState } from 'react';
import type { DiarizeOptions } from '../../shared/diarize-options';
import type { JobView, PickedFile } from '../../shared/ipc-contract';
import { ApiError, api, messageOf, unwrap } from '../api';
import { formatCount, formatMegabytes } from '../format';
import { fromDraft, problemsFromFields, toDraft, type FieldProblems } from './options-draft';
import { OptionsFields } from './OptionsFields';

/** Enough rows to check the choice; a folder of thousands is summarised rather than listed. */
const LISTED_FILES = 100;

interface BatchPanelProps {
  files: readonly PickedFile[];
  defaults: DiarizeOptions;
  onLeaveOut(fileId: string): void;
  onClear(): void;
  onStarted(jobs: JobView[]): void;
}

export function BatchPanel({ files, defaults, onLeaveOut, onClear, onStarted }: BatchPanelProps) {
  const [draft, setDraft] = useState(() => toDraft(defaults));
  // New defaults saved in Settings apply at once to a batch whose options are still untouched.
  const [touched, setTouched] = useState(false);
  const [shownDefaults, setShownDefaults] = useState(defaults);
  if (shownDefaults !== defaults) {
    setShownDefaults(defaults);
    if (!touched) setDraft(toDraft(defaults));
  }
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();
  /** Problems main found with the options these were sent with (the same rules as below). */
  const [refused, setRefused] = useState<{ for: typeof draft; problems: FieldProblems }>();
  const headingId = useId();
  const check = fromDraft(draft);
  const problems = check.ok
    ? refused?.for === draft
      ? refused.problems
      : undefined
    : check.problems;
  const totalBytes = files.reduce((sum, file) => sum + file.sizeBytes, 0);

  const start = async () => {
    if (!check.ok) return;
    setStarting(true);
    setError(undefined);
    try {
      const fileIds = files.map((file) => file.id);
      const jobs = await unwrap(() => api()['jobs:add']({ fileIds, options: check.options }));
      onStarted(jobs);
    } catch (failure) {
      const fieldProblems =
        failure instanceof ApiError ? problemsFromFields(failure.fields, 'options.') : undefined;
      if (fieldProblems) setRefused({ for: draft, problems: fieldProblems });
      else setError(messageOf(failure));
      setStarting(false);
    }
  };

  const count = files.length;
  return (
    <section className="panel batch-panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>
          {count === 1 ? 'Send 1 recording' : `Send ${formatCount(count)} recordings`}
        </h2>
        <p className="muted">{formatMegabytes(totalBytes)} in total</p>
      </div>
      <div className="batch-body">
        <div className="batch-files">
          <h3 className="subheading">Recordings</h3>
          <ul className="file-list" aria-label="Chosen recordings">
            {files.slice(0, LISTED_FILES).map((file) => (
              <li key={file.id} className="file-item">
                <span className="file-name" title={file.name}>
                  {file.name}
                </span>
                <span className="file-size">{formatMegabytes(file.sizeBytes)}</span>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`Leave out ${file.name}`}
                  title="Leave out of this batch"
                  onClick={() => onLeaveOut(file.id)}
                  disabled={starting}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </li>
            ))}
          </ul>
          {count > LISTED_FILES ? (
            <p className="muted small">and {formatCount(count - LISTED_FILES)} more</p>
          ) : null}
        </div>
        <div className="batch-options">
          <h3 className="subheading">Options for this batch</h3>
          <OptionsFields
            draft={draft}
            onChange={(next) => {
              setDraft(next);
              setTouched(true);
            }}
            problems={problems}
          />
        </div>
      </div>
      <div className="panel-footer">
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : (
          <p className="muted small">
            Recordings are uploaded to pyannoteAI and processed there; results are saved on this
            computer.
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClear} disabled={starting}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void start()}
            disabled={starting || problems !== undefined}
          >
            Start
          </button>
        </div>
      </div>
    </section>
  );
}
