/** Every turn in time order (virtualized); clicking one plays from there, and the one playing is highlighted. */

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useSyncExternalStore } from 'react';
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

  // While playing, bring the current turn into view when it scrolls out of sight.
  useEffect(() => {
    let shown = -1;
    return playhead.subscribe(() => {
      const current = playhead.current;
      if (!playhead.playing || current < 0 || current === shown) return;
      shown = current;
      const visible = virtualizer.getVirtualItems();
      const first = visible[0]?.index ?? 0;
      const last = visible.at(-1)?.index ?? 0;
      if (current <= first || current >= last)
        virtualizer.scrollToIndex(current, { align: 'start' });
    });
  }, [playhead, virtualizer]);

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
                    onPlayFrom={onPlayFrom}
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
