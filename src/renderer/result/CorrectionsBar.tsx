/* eslint-disable i18next/no-literal-string -- not translated yet (issue 15) */
/**
 * Corrections to pyannoteAI's result: move the selected turns to another speaker, split a turn
 * at the playhead, undo and redo (also Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z), and go back to
 * pyannoteAI's result after asking.
 */

import { useEffect, useState, useSyncExternalStore } from 'react';
import { newSpeakerLabel } from '../../shared/corrections';
import type { CorrectionChange } from '../../shared/ipc-contract';
import { defaultSpeakerName } from '../../shared/result';
import { Modal } from '../components/Modal';
import { formatClock } from '../format';
import type { Playhead } from './playhead';
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
    <section className="panel corrections-bar" aria-label="Corrections">
      <div className="corrections-row">
        <button
          type="button"
          className="btn"
          disabled={!canUndo}
          onClick={() => onChange({ type: 'undo' })}
          title={undoes ? `Undo: ${undoes} (Ctrl+Z)` : 'Undo (Ctrl+Z)'}
        >
          Undo
        </button>
        <button
          type="button"
          className="btn"
          disabled={!canRedo}
          onClick={() => onChange({ type: 'redo' })}
          title={redoes ? `Redo: ${redoes} (Shift+Ctrl+Z)` : 'Redo (Shift+Ctrl+Z)'}
        >
          Redo
        </button>
        <button type="button" className="btn" disabled={!canSplit} onClick={split}>
          {canSplit
            ? `Split the turn at ${formatClock(time, withHours)}`
            : 'Split the turn at the playhead'}
        </button>
        <label className="corrections-move">
          <span>
            {selected.length === 0
              ? 'Click a turn (Ctrl-click for more) to move it'
              : selected.length === 1
                ? 'Move the selected turn to'
                : `Move the ${selected.length} selected turns to`}
          </span>
          <select
            className="select"
            value=""
            disabled={selected.length === 0}
            onChange={(event) => move(event.target.value)}
          >
            <option value="">Choose a speaker…</option>
            {targets.map((s) => (
              <option key={s.label} value={s.label}>
                {s.name}
              </option>
            ))}
            <option value={newLabel}>A new speaker ({defaultSpeakerName(newLabel)})</option>
          </select>
        </label>
        <span className="muted small corrections-count" role="status">
          {corrections === 0
            ? 'No corrections: this is pyannoteAI’s result.'
            : `${corrections === 1 ? '1 correction' : `${corrections} corrections`}.${undoes ? ` Last: ${undoes}.` : ''}`}
        </span>
        <button
          type="button"
          className="btn btn-quiet"
          disabled={corrections === 0 && !canRedo}
          onClick={() => setConfirming(true)}
        >
          Revert to pyannoteAI’s result
        </button>
      </div>
      {confirming ? (
        <Modal
          title="Go back to pyannoteAI’s result?"
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                Keep my corrections
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => {
                  setConfirming(false);
                  onChange({ type: 'revert' });
                }}
              >
                Remove all corrections
              </button>
            </>
          }
        >
          <p>
            Every merge, move and split you made on this recording is removed, and this cannot be
            undone. Speaker names stay.
          </p>
        </Modal>
      ) : null}
    </section>
  );
}
