/** The chosen recordings waiting to be sent, with the options for this batch and the "Start" button. */

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DiarizeOptions } from '../../shared/diarize-options';
import type { BatchCheck, FileCheck, JobView, PickedFile } from '../../shared/ipc-contract';
import { ApiError, api, unwrap } from '../api';
import { useWithKey } from '../hooks/use-key-gate';
import { formatHms } from '../format';
import { byId, FOCUS_TARGETS, moveFocus } from '../focus';
import { useFormat } from '../i18n';
import type { LocaleFormat } from '../../shared/i18n/format';
import { useFileChecks } from './use-file-checks';
import { fromDraft, problemsFromFields, toDraft, type FieldProblems } from './options-draft';
import { OptionsFields } from './OptionsFields';
import { doneQuestion, mergedMessage } from './batch-review';
import { useErrorWords } from '../error-words';
import { useVoices } from '../voices/use-voices';
import { preparationWords } from '../job-status-words';

/** Enough rows to check the choice; a folder of thousands is summarised rather than listed. */
const LISTED_FILES = 100;

interface BatchPanelProps {
  files: readonly PickedFile[];
  defaults: DiarizeOptions;
  onLeaveOut(fileId: string): void;
  onClear(): void;
  onStarted(jobs: JobView[]): void;
  /** Files left out because another file of the batch is the same recording. */
  onMerged(fileIds: readonly string[]): void;
  /** Shows the saved result of an earlier job (a recording already done with these options). */
  onOpenResult(jobId: string): void;
  /** What the panel did with the files as they were added (e.g. the same file picked twice). */
  notice?: string | undefined;
}

export function BatchPanel(props: BatchPanelProps) {
  const words = useErrorWords();
  const { files, defaults, onLeaveOut, onClear, onStarted, onMerged, onOpenResult, notice } = props;
  const { t } = useTranslation('batch');
  const format = useFormat();
  const [draft, setDraft] = useState(() => toDraft(defaults));
  // New defaults saved in Settings apply at once to a batch whose options are still untouched.
  const [touched, setTouched] = useState(false);
  const [shownDefaults, setShownDefaults] = useState(defaults);
  if (shownDefaults !== defaults) {
    setShownDefaults(defaults);
    if (!touched) setDraft(toDraft(defaults));
  }
  const [starting, setStarting] = useState(false);
  const withKey = useWithKey();
  const [error, setError] = useState<string>();
  /** Problems main found with the options these were sent with (the same rules as below). */
  const [refused, setRefused] = useState<{ for: typeof draft; problems: FieldProblems }>();
  const headingId = FOCUS_TARGETS.batchHeading;
  const { state: voicesState } = useVoices();
  const check = fromDraft(draft, voicesState?.voices);
  const problems = check.ok
    ? refused?.for === draft
      ? refused.problems
      : undefined
    : check.problems;
  const totalBytes = files.reduce((sum, file) => sum + file.sizeBytes, 0);
  // Checked as they were added: broken files are marked with their reason (Start lists them as
  // failed, with the same words, and sends nothing for them); the others show their length.
  const checks = useFileChecks(files);
  const broken = files.filter((file) => checks.get(file.id)?.ok === false);
  const allChecked = files.every((file) => checks.has(file.id));
  const totalSeconds = files.reduce((sum, file) => {
    const found = checks.get(file.id);
    return found?.ok ? sum + found.durationSeconds : sum;
  }, 0);
  // What Start found for these files and options; Start again sends them as reviewed.
  const [review, setReview] = useState<{
    key: string;
    /** Kept as found, so that its words follow a change of language. */
    found: BatchCheck;
    done: BatchCheck['done'];
  }>();
  const reviewKey = check.ok ? JSON.stringify([files.map((f) => f.id), check.options]) : '';
  const current = review?.key === reviewKey ? review : undefined;
  const doneFiles = files.filter((file) => current?.done.some((d) => d.fileId === file.id));
  const mergedNote = current ? mergedMessage(current.found, t, format) : undefined;

  const send = async (fileIds: string[], rerun: boolean): Promise<JobView[]> => {
    if (!check.ok || fileIds.length === 0) return [];
    const options = check.options;
    return unwrap(() => api()['jobs:add']({ fileIds, options, ...(rerun ? { rerun } : {}) }));
  };

  /** Main refused the options (the same rules as the fields'): shown by the fields; else a message. */
  const failed = (failure: unknown) => {
    const fieldProblems =
      failure instanceof ApiError ? problemsFromFields(failure.fields, 'options.') : undefined;
    if (fieldProblems) setRefused({ for: draft, problems: fieldProblems });
    else setError(words.call(failure));
    setStarting(false);
  };

  /**
   * Start: first asks which files repeat another file of the batch or a saved result (only files
   * of matching size are read, so this is quick); merges the copies and asks about done ones.
   */
  const start = async () => {
    if (!check.ok) return;
    setStarting(true);
    setError(undefined);
    try {
      const fileIds = files.map((file) => file.id);
      if (!current) {
        const found = await unwrap(() =>
          api()['jobs:check-batch']({ fileIds, options: check.options }),
        );
        if (found.sameContent.length > 0 || found.done.length > 0) {
          const merged = new Set(found.sameContent.map((entry) => entry.fileId));
          const remaining = files.filter((file) => !merged.has(file.id)).map((f) => f.id);
          setReview({
            key: JSON.stringify([remaining, check.options]),
            found,
            done: found.done,
          });
          if (merged.size > 0) onMerged([...merged]);
          setStarting(false);
          return;
        }
      }
      onStarted(await send(fileIds, false));
    } catch (failure) {
      failed(failure);
    }
  };

  /** For recordings already done: open the (first) result and send only the others, or run all. */
  const decide = async (choice: 'open' | 'rerun') => {
    if (!current) return;
    setStarting(true);
    setError(undefined);
    try {
      const done = new Set(current.done.map((entry) => entry.fileId));
      if (choice === 'rerun') {
        onStarted(
          await send(
            files.map((f) => f.id),
            true,
          ),
        );
        return;
      }
      onStarted(
        await send(
          files.filter((f) => !done.has(f.id)).map((f) => f.id),
          false,
        ),
      );
      const first = current.done[0];
      if (first) onOpenResult(first.jobId);
    } catch (failure) {
      failed(failure);
    }
  };

  const count = files.length;
  return (
    <section className="panel batch-panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>{t('panel.heading', { count, n: format.count(count) })}</h2>
        <p className="muted">
          {[
            t('panel.totalSize', { size: format.bytes(totalBytes) }),
            ...(allChecked && totalSeconds > 0
              ? [t('panel.totalLength', { length: formatHms(totalSeconds) })]
              : []),
            ...(allChecked ? [] : [t('panel.checking')]),
          ].join(' · ')}
        </p>
      </div>
      {notice || mergedNote || broken.length > 0 ? (
        <div className="batch-notes" role="status">
          {notice ? <p>{notice}</p> : null}
          {mergedNote ? <p>{mergedNote}</p> : null}
          {broken.length > 0 ? <p>{brokenNote(broken.length, files.length, t, format)}</p> : null}
        </div>
      ) : null}
      <div className="batch-body">
        <div className="batch-files">
          <h3 className="subheading">{t('files.heading')}</h3>
          <ul className="file-list" aria-label={t('files.label')}>
            {files.slice(0, LISTED_FILES).map((file, index) => (
              <li
                key={file.id}
                className={
                  checks.get(file.id)?.ok === false ? 'file-item file-broken' : 'file-item'
                }
              >
                <span className="file-name" title={file.name}>
                  {file.name}
                </span>
                <span className="file-length">{lengthOf(checks.get(file.id), t)}</span>
                <span className="file-size">{format.bytes(file.sizeBytes)}</span>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={t('files.leaveOut', { name: file.name })}
                  title={t('files.leaveOutHint')}
                  id={leaveOutId(file.id)}
                  onClick={() => {
                    // Focus moves to the next file's button (or the one before, or back to
                    // "Add recordings…" once the batch is empty), not to the page.
                    const neighbour = files[index + 1] ?? files[index - 1];
                    onLeaveOut(file.id);
                    moveFocus(
                      byId(neighbour ? leaveOutId(neighbour.id) : FOCUS_TARGETS.addRecordings),
                    );
                  }}
                  disabled={starting}
                >
                  <span aria-hidden="true">✕</span>
                </button>
                <FileCheckLine check={checks.get(file.id)} />
              </li>
            ))}
          </ul>
          {files.length > LISTED_FILES ? (
            <p className="muted small">
              {t('files.more', {
                count: files.length - LISTED_FILES,
                n: format.count(files.length - LISTED_FILES),
              })}
            </p>
          ) : null}
        </div>
        <div className="batch-options">
          <h3 className="subheading">{t('options.heading')}</h3>
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
          <p className="muted small">{t('panel.privacy')}</p>
        )}
        {doneFiles.length > 0 ? (
          <div className="form-actions batch-done" role="group" aria-label={t('done.label')}>
            <p className="batch-done-question">{doneQuestion(doneFiles, t, format)}</p>
            <button type="button" className="btn" onClick={onClear} disabled={starting}>
              {t('panel.cancel')}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => void decide('rerun')}
              disabled={starting}
            >
              {t('done.runAgain', { count: doneFiles.length })}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void decide('open')}
              disabled={starting}
            >
              {t('done.open')}
            </button>
          </div>
        ) : (
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClear} disabled={starting}>
              {t('panel.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              // Sending needs pyannoteAI: without a key, the key is asked for first.
              onClick={() => withKey(() => void start())}
              disabled={starting || problems !== undefined}
            >
              {starting ? t('panel.starting') : t('panel.start')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

/** pyannoteAI bills at least 20 s per recording (its billing minimum). */
const BILLED_MINIMUM_SECONDS = 20;

/** Under the name: why the file cannot be sent, what is sent instead of it, or the billing note. */
function FileCheckLine({ check }: { check: FileCheck | undefined }) {
  const { t } = useTranslation('batch');
  const { t: jobsT } = useTranslation('jobs');
  const format = useFormat();
  const words = useErrorWords();
  if (!check) return null;
  if (!check.ok) return <span className="file-problem">{words.error(check)}</span>;
  const notes = [
    // As the job's row will say it once sent ("Only the sound is sent (about 24 MB of 1.8 GB)").
    ...(check.preparation && check.sizeBytes !== undefined
      ? [
          preparationWords(jobsT, format.bytes, {
            preparation: check.preparation,
            prepared: undefined,
            source: { sizeBytes: check.sizeBytes },
          }),
        ]
      : []),
    ...(check.durationSeconds < BILLED_MINIMUM_SECONDS
      ? [t('files.billingMinimum', { seconds: format.count(BILLED_MINIMUM_SECONDS) })]
      : []),
  ];
  return notes.length > 0 ? <span className="file-note">{notes.join(' · ')}</span> : null;
}

function lengthOf(check: FileCheck | undefined, t: TFunction<'batch'>): string {
  if (!check) return t('files.checking');
  return check.ok ? formatHms(check.durationSeconds) : t('files.cannotSend');
}

function brokenNote(
  broken: number,
  all: number,
  t: TFunction<'batch'>,
  format: Pick<LocaleFormat, 'count'>,
): string {
  if (broken === all) return all === 1 ? t('notes.brokenOnly') : t('notes.allBroken');
  return t('notes.broken', { count: broken, n: format.count(broken) });
}

function leaveOutId(fileId: string): string {
  return `leave-out-${fileId}`;
}
