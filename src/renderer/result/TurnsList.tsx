/** Every turn in time order (virtualized); clicking one plays from there, and the one playing is highlighted. */

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../format';
import { useFormat } from '../i18n';
import { AlertIcon } from '../components/icons';
import type { Playhead } from './playhead';
import type { Turn } from './turns';

interface TurnsListProps {
  turns: readonly Turn[];
  /** Display name and colour per speaker label. */
  speakers: ReadonlyMap<string, { name: string; colour: string }>;
  withHours: boolean;
  playhead: Playhead;
  onPlayFrom(time: number): void;
  /** Indexes of the turns selected for a correction. */
  selected: ReadonlySet<number>;
  /** A click selects that turn; with Ctrl or Cmd (`adding`), it is added to or taken from the selection. */
  onSelect(index: number, adding: boolean): void;
}

export function TurnsList(props: TurnsListProps) {
  const { turns, speakers, withHours, playhead, onPlayFrom, selected, onSelect } = props;
  const { t } = useTranslation('result');
  const format = useFormat();
  const scrollRef = useRef<HTMLDivElement>(null);
  const hasText = turns.some((turn) => turn.text);
  // TanStack Virtual keeps its own mutable state; the React Compiler must leave this hook alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: turns.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => (hasText ? 64 : 40),
    overscan: 10,
  });

  // The list follows playback: the current turn is brought into view when it is out of sight,
  // unless the person scrolled the list themselves; clicking a turn or pressing play follows again.
  const followRef = useRef(true);
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const away = () => {
      followRef.current = false;
    };
    const onKey = (event: KeyboardEvent) => {
      if (SCROLL_KEYS.has(event.key)) away();
    };
    // Only the scroll bar itself, not a row: a click on a turn means "follow from here".
    const onPointer = (event: PointerEvent) => {
      if (event.target === scroller) away();
    };
    scroller.addEventListener('wheel', away, { passive: true });
    scroller.addEventListener('touchmove', away, { passive: true });
    scroller.addEventListener('keydown', onKey);
    scroller.addEventListener('pointerdown', onPointer);
    return () => {
      scroller.removeEventListener('wheel', away);
      scroller.removeEventListener('touchmove', away);
      scroller.removeEventListener('keydown', onKey);
      scroller.removeEventListener('pointerdown', onPointer);
    };
  }, [turns.length]);
  useEffect(() => {
    let shown = playhead.current;
    let wasPlaying = playhead.playing;
    return playhead.subscribe(() => {
      if (playhead.playing && !wasPlaying) {
        followRef.current = true;
        shown = -1;
      }
      wasPlaying = playhead.playing;
      const current = playhead.current;
      if (!followRef.current || current < 0 || current === shown) return;
      shown = current;
      const scroller = scrollRef.current;
      const item = virtualizer.measurementsCache[current];
      if (!scroller || !item) return;
      const top = scroller.scrollTop;
      if (item.start < top || item.end > top + scroller.clientHeight)
        virtualizer.scrollToIndex(current, { align: 'start' });
    });
  }, [playhead, virtualizer]);
  const playFrom = useCallback(
    (time: number) => {
      followRef.current = true;
      onPlayFrom(time);
    },
    [onPlayFrom],
  );

  return (
    <section className="panel turns-panel" aria-labelledby="turns-heading">
      <h2 id="turns-heading" className="subheading">
        {t('turns.heading')} <span className="muted">({format.count(turns.length)})</span>
      </h2>
      {turns.length === 0 ? (
        <p className="muted">{t('turns.empty')}</p>
      ) : (
        <div className="turn-scroll" ref={scrollRef}>
          <div
            className="turn-list"
            role="list"
            aria-label={t('turns.list')}
            style={{ height: virtualizer.getTotalSize() }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const turn = turns[item.index];
              if (!turn) return null;
              const speaker = speakers.get(turn.speaker);
              return (
                <div
                  key={item.key}
                  role="listitem"
                  className="turn-item"
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <TurnRow
                    index={item.index}
                    turn={turn}
                    name={speaker?.name ?? turn.speaker}
                    colour={speaker?.colour ?? '#5d5d5d'}
                    withHours={withHours}
                    playhead={playhead}
                    onPlayFrom={playFrom}
                    isSelected={selected.has(item.index)}
                    onSelect={onSelect}
                  />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}

/** Keys that scroll the list when it (or a turn in it) has focus. */
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

interface TurnRowProps {
  index: number;
  turn: Turn;
  name: string;
  colour: string;
  withHours: boolean;
  playhead: Playhead;
  onPlayFrom(time: number): void;
  isSelected: boolean;
  onSelect(index: number, adding: boolean): void;
}

const TurnRow = memo(function TurnRow(props: TurnRowProps) {
  const { index, turn, name, colour, withHours, playhead, onPlayFrom, isSelected, onSelect } =
    props;
  const { t } = useTranslation('result');
  const format = useFormat();
  // A boolean snapshot: this row re-renders only when it becomes, or stops being, the current turn.
  const current = useSyncExternalStore(playhead.subscribe, () => playhead.current === index);

  return (
    <button
      type="button"
      className={`turn-row${current ? ' is-current' : ''}${isSelected ? ' is-selected' : ''}`}
      aria-current={current ? 'true' : undefined}
      aria-pressed={isSelected}
      onClick={(event) => {
        const adding = event.ctrlKey || event.metaKey;
        onSelect(index, adding);
        if (!adding) onPlayFrom(turn.start);
      }}
    >
      <span className="turn-time">{formatClock(turn.start, withHours)}</span>
      <span className="turn-speaker">
        <span className="swatch" style={{ backgroundColor: colour }} aria-hidden="true" />
        <span className="turn-speaker-name">{name}</span>
      </span>
      <span className="turn-length">{format.turnLength(turn.end - turn.start)}</span>
      {turn.lowConfidence ? (
        <span className="low-confidence" title={t('turns.lowConfidenceHint')}>
          <AlertIcon />
          {t('turns.lowConfidence')}
        </span>
      ) : null}
      {turn.corrected ? (
        <span className="corrected-mark" title={t('turns.correctedHint')}>
          {t('turns.corrected')}
        </span>
      ) : null}
      {turn.text ? <span className="turn-text">{turn.text}</span> : null}
    </button>
  );
});
