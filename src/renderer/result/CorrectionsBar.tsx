/**
 * Corrections to pyannoteAI's result: move the selected turns to another speaker, split a turn
 * at the playhead, undo and redo (also Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z), and go back to
 * pyannoteAI's result after asking.
 */

import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { newSpeakerLabel } from '../../shared/corrections';
import type { CorrectionChange } from '../../shared/ipc-contract';
import { Modal } from '../components/Modal';
import { formatClock } from '../format';
import type { Playhead } from './playhead';
import { useDefaultName } from './result-words';
import { turnAt, type Turn } from './turns';

interface CorrectionsBarProps {
  /** The turns selected in the list, in time order. */
  selected: readonly Turn[];
  /** The turns listed, and where playback is: a split cuts the turn being spoken there. */
  turns: readonly Turn[];
  playhead: Playhead;
  speakers: readonly { label: string; name: string }[];
  canUndo: boolean;
  canRedo: boolean;
  /** What Undo and Redo would take back or do again, in words. */
  undoes: string | undefined;
  redoes: string | undefined;
  corrections: number;
  withHours: boolean;
  onChange(change: CorrectionChange): void;
}

const ref = (turn: Turn) => ({ speaker: turn.speaker, start: turn.start, end: turn.end });

/** Typing in a field keeps the field's own undo. */
function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)
  );
}

export function CorrectionsBar(props: CorrectionsBarProps) {
  const { selected, turns, playhead, speakers, canUndo, canRedo, corrections, withHours } = props;
  const { onChange, undoes, redoes } = props;
  const { t } = useTranslation('result');
  const defaultName = useDefaultName();
  const [confirming, setConfirming] = useState(false);
  // Tenths of a second: enough for the button's words, without re-rendering on every frame.
  const tenths = useSyncExternalStore(playhead.subscribe, () => Math.floor(playhead.time * 10));
  const time = tenths / 10;
  const spoken = turns[turnAt(turns, time)];

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z') return;
      // Not behind a dialog (Export, Revert), nor inside a field.
      if (isTextField(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      if (event.shiftKey) {
        if (canRedo) onChange({ type: 'redo' });
      } else if (canUndo) onChange({ type: 'undo' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canUndo, canRedo, onChange]);

  const newLabel = newSpeakerLabel(speakers.map((s) => s.label));
  const owners = new Set(selected.map((turn) => turn.speaker));
  const targets = speakers.filter((s) => !(owners.size === 1 && owners.has(s.label)));
  const move = (to: string) => {
    if (!to || selected.length === 0) return;
    onChange({ type: 'edit', edit: { kind: 'move', turns: selected.map(ref), to } });
  };
  const canSplit = spoken !== undefined && time - spoken.start > 0.05 && spoken.end - time > 0.05;
  const split = () => {
    // The exact time, read at the click, not the tenth the button shows.
    const at = playhead.time;
    const turn = turns[turnAt(turns, at)];
    if (turn && at > turn.start && at < turn.end) {
      onChange({ type: 'edit', edit: { kind: 'split', turn: ref(turn), at } });
    }
  };

  return (
    <section className="panel corrections-bar" aria-label={t('corrections.label')}>
      <div className="corrections-row">
        <button
          type="button"
          className="btn"
          disabled={!canUndo}
          onClick={() => onChange({ type: 'undo' })}
          title={
            undoes ? t('corrections.undoHintWhat', { edit: undoes }) : t('corrections.undoHint')
          }
        >
          {t('corrections.undo')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={!canRedo}
          onClick={() => onChange({ type: 'redo' })}
          title={
            redoes ? t('corrections.redoHintWhat', { edit: redoes }) : t('corrections.redoHint')
          }
        >
          {t('corrections.redo')}
        </button>
        <button type="button" className="btn" disabled={!canSplit} onClick={split}>
          {canSplit
            ? t('corrections.splitAt', { time: formatClock(time, withHours) })
            : t('corrections.splitHere')}
        </button>
        <label className="corrections-move">
          <span>
            {selected.length === 0
              ? t('corrections.pick')
              : t('corrections.move', { count: selected.length })}
          </span>
          <select
            className="select"
            value=""
            disabled={selected.length === 0}
            onChange={(event) => move(event.target.value)}
          >
            <option value="">{t('corrections.choose')}</option>
            {targets.map((s) => (
              <option key={s.label} value={s.label}>
                {s.name}
              </option>
            ))}
            <option value={newLabel}>
              {t('corrections.newSpeaker', { name: defaultName(newLabel) })}
            </option>
          </select>
        </label>
        <span className="muted small corrections-count" role="status">
          {corrections === 0
            ? t('corrections.none')
            : undoes
              ? t('corrections.countLast', { count: corrections, edit: undoes })
              : t('corrections.count', { count: corrections })}
        </span>
        <button
          type="button"
          className="btn btn-quiet"
          disabled={corrections === 0 && !canRedo}
          onClick={() => setConfirming(true)}
        >
          {t('corrections.revert')}
        </button>
      </div>
      {confirming ? (
        <Modal
          title={t('corrections.confirm.title')}
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                {t('corrections.confirm.keep')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => {
                  setConfirming(false);
                  onChange({ type: 'revert' });
                }}
              >
                {t('corrections.confirm.remove')}
              </button>
            </>
          }
        >
          <p>{t('corrections.confirm.body')}</p>
        </Modal>
      ) : null}
    </section>
  );
}
