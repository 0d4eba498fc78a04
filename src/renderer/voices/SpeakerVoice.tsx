/**
 * A speaker's known-voice line in the result's speakers panel: what recognition found for it
 * ("Recognised (92 %)", "Check this match"), whether its voice is remembered, and "Remember this
 * voice" with its steps, Cancel, and what happened. Asks for the person's agreement the first time.
 */

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpeakerMatch } from '../../shared/voices';
import { VOICE_CLIP_MIN_SECONDS } from '../../shared/voices';
import { useErrorWords } from '../error-words';
import { byId, moveFocus } from '../focus';
import { useFormat } from '../use-format';
import { ConsentDialog } from './ConsentDialog';
import { useVoices, useVoicesStore } from './use-voices';
import { phaseWords, matchWords } from './voice-words';
import { rememberKey, voiceFrom } from './voices-store';

interface SpeakerVoiceProps {
  jobId: string;
  /** pyannoteAI's label (SPEAKER_01). */
  label: string;
  /** The name shown for the speaker. */
  name: string;
  /** Whether a person gave the speaker a name (only a named speaker's voice can be remembered). */
  named: boolean;
  /** Seconds the speaker talks in all (at least some seconds alone are needed). */
  totalSeconds: number;
  match?: SpeakerMatch | undefined;
}

export function SpeakerVoice(props: SpeakerVoiceProps) {
  const { jobId, label, name, named, totalSeconds, match } = props;
  const { t } = useTranslation('voices');
  const format = useFormat();
  const words = useErrorWords();
  const store = useVoicesStore();
  const { state, remembering } = useVoices();
  const [asking, setAsking] = useState<{ busy: boolean; error?: string }>();
  const remembered = voiceFrom(state?.voices, jobId, label);
  const progress = remembering.get(rememberKey(jobId, label));
  const slug = `${jobId}-${label}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const ids = {
    hint: `remember-hint-${slug}`,
    cancel: `remember-cancel-${slug}`,
    outcome: `remember-outcome-${slug}`,
    button: `remember-button-${slug}`,
  };
  const found = matchWords(t, format, match, state?.voices);
  // Recognised as a voice still in the library: already known, nothing to remember.
  const known =
    match?.voiceId !== null &&
    match?.voiceId !== undefined &&
    (state?.voices.some((voice) => voice.id === match.voiceId) ?? false);

  // When Cancel goes away with the step that showed it, focus goes to what happened, not the page.
  const step = progress?.step;
  const lastStep = useRef(step);
  useEffect(() => {
    const before = lastStep.current;
    lastStep.current = step;
    if (before !== 'running' || step === 'running') return;
    if (document.activeElement === document.body || document.activeElement === null)
      moveFocus(() => document.getElementById(ids.outcome) ?? document.getElementById(ids.button));
  }, [step, ids.outcome, ids.button]);

  if (!store) return null;

  const start = () => {
    void store.remember(jobId, label, name);
    moveFocus(byId(ids.cancel));
  };
  const onRemember = () => {
    if (state?.consentedAt) start();
    else setAsking({ busy: false });
  };
  const agree = async () => {
    setAsking({ busy: true });
    try {
      await store.consent();
      setAsking(undefined);
      start();
    } catch (failure) {
      setAsking({ busy: false, error: t('consent.failed', { reason: words.call(failure) }) });
    }
  };

  let reason: string | undefined;
  if (state && !state.storage.ok) reason = t('remember.storageOff');
  else if (!named) reason = t('remember.nameFirst');
  else if (totalSeconds < VOICE_CLIP_MIN_SECONDS)
    reason = t('remember.tooShort', { seconds: format.count(VOICE_CLIP_MIN_SECONDS) });

  return (
    <div className="speaker-voice">
      {found ? (
        <p className={`voice-match voice-match-${found.kind}`}>
          <span className="voice-match-label">{found.label}</span>
          {found.detail ? <span className="voice-match-detail"> {found.detail}</span> : null}
        </p>
      ) : null}
      {progress?.step === 'running' ? (
        <div className="remember-progress" role="status">
          <span>{phaseWords(t, progress.phase)}</span>
          <progress
            className="remember-bar"
            aria-label={t('remember.progressLabel', { name })}
            {...(progress.fraction !== undefined ? { value: progress.fraction, max: 1 } : {})}
          />
          <button
            type="button"
            id={ids.cancel}
            className="btn btn-small"
            aria-label={t('remember.cancelLabel', { name })}
            onClick={() => void store.cancelRemember(jobId, label)}
          >
            {t('remember.cancel')}
          </button>
        </div>
      ) : progress?.step === 'done' ? (
        <p className="voice-remembered" id={ids.outcome} role="status">
          {t('remember.done', { name: progress.voice.name })}
        </p>
      ) : remembered ? (
        <p className="voice-remembered">{t('remember.remembered', { name: remembered.name })}</p>
      ) : null}
      {progress?.step === 'failed' ? (
        <p className="field-error" id={ids.outcome} role="alert">
          {t('remember.failed', { reason: words.call(progress.error) })}
        </p>
      ) : null}
      {progress?.step === 'canceled' ? (
        <p className="muted small" id={ids.outcome} role="status">
          {t('remember.canceled')}
        </p>
      ) : null}
      {progress?.step !== 'running' && progress?.step !== 'done' && !remembered && !known ? (
        <div className="remember-action">
          <button
            type="button"
            id={ids.button}
            className="btn btn-small"
            disabled={reason !== undefined || state === undefined}
            aria-label={
              progress?.step === 'failed'
                ? t('remember.tryAgainLabel', { name })
                : t('remember.buttonLabel', { name })
            }
            aria-describedby={reason ? ids.hint : undefined}
            onClick={onRemember}
          >
            {progress?.step === 'failed' ? t('remember.tryAgain') : t('remember.button')}
          </button>
          {reason ? (
            <span className="muted small" id={ids.hint}>
              {reason}
            </span>
          ) : null}
        </div>
      ) : null}
      {asking ? (
        <ConsentDialog
          error={asking.error}
          busy={asking.busy}
          onAgree={() => void agree()}
          onClose={() => setAsking(undefined)}
        />
      ) : null}
    </div>
  );
}
