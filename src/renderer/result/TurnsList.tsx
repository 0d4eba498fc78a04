/** Every turn in time order (virtualized); clicking one plays from there, and the one playing is highlighted. */

import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../format';
import { useFormat } from '../i18n';
import { AlertIcon } from '../components/icons';
import type { Playhead } from './playhead';
import { ReadingView } from './ReadingView';
import { FindField } from './FindField';
import { highlightParts, matchesQuery } from './find';
import type { Turn } from './turns';
import { inSight, useScrollArea } from '../hooks/use-scroll-area';

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
  // Roving focus: the one row Tab reaches; the arrow keys, Home and End move it.
  const [activeState, setActive] = useState(0);
  const active = Math.min(activeState, Math.max(0, turns.length - 1));
  const activeRef = useRef(active);
  activeRef.current = active;
  const focusWanted = useRef(false);
  const [view, setView] = useState<(typeof VIEWS)[number]>('list');
  const [query, setQuery] = useState('');
  const [matchAt, setMatchAt] = useState(0);
  const matches = useMemo(() => findMatches(turns, speakers, query), [turns, speakers, query]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  const found = matches[Math.min(matchAt, matches.length - 1)] ?? -1;
  // The list's own box, or in a small window the window's one scroll area (use-scroll-area.ts).
  const area = useScrollArea(scrollRef, view === 'list' && turns.length > 0);
  const { current: scrollArea } = area;
  // TanStack Virtual keeps its own mutable state; the React Compiler must leave this hook alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: turns.length,
    getScrollElement: area.current,
    scrollMargin: area.margin,
    estimateSize: () => (hasText ? 64 : 40),
    overscan: 10,
    // The list is one tab stop: the row that holds it stays rendered even when scrolled away.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      const keep = activeRef.current;
      if (keep < range.count && !indexes.includes(keep)) {
        indexes.push(keep);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
  });

  // The list follows playback: the current turn is brought into view when it is out of sight,
  // unless the person scrolled the list themselves; clicking a turn or pressing play follows again.
  const followRef = useRef(true);
  useEffect(() => {
    const scroller = area.element;
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
  }, [area.element, turns.length, view]);
  useEffect(() => {
    if (view !== 'list') return;
    let shown = -1;
    let wasPlaying = playhead.playing;
    return playhead.subscribe(() => {
      if ((playhead.playing && !wasPlaying) || playhead.revealWanted) {
        playhead.revealWanted = false;
        followRef.current = true;
        shown = -1;
      }
      wasPlaying = playhead.playing;
      const current = playhead.current;
      if (!followRef.current || current < 0 || current === shown) return;
      const scroller = scrollArea();
      const item = virtualizer.measurementsCache[current];
      if (!scroller || !item || !scrollRef.current) return;
      // In a small window the list shares the window's scroll area: while the person looks at
      // something else there (the player, the speakers), playback leaves the page where it is.
      if (!inSight(scrollRef.current, scroller)) return;
      shown = current;
      const top = scroller.scrollTop;
      if (item.start < top || item.end > top + scroller.clientHeight)
        virtualizer.scrollToIndex(current, { align: 'start' });
    });
  }, [playhead, virtualizer, view, scrollArea]);
  /** Shows a found turn: the list stops following playback and the turn becomes the tab stop. */
  const showFound = (index: number | undefined) => {
    if (index === undefined) return;
    followRef.current = false;
    setActive(index);
    if (scrollRef.current) virtualizer.scrollToIndex(index, { align: 'center' });
    else scrollWanted.current = index;
  };
  // From the reading view, the list scrolls to the found turn once it is there.
  const scrollWanted = useRef<number | undefined>(undefined);
  // (Once the virtualizer has the list's scroll area: it is found after the list is drawn.)
  useLayoutEffect(() => {
    const index = scrollWanted.current;
    if (index === undefined || !scrollRef.current || !area.element) return;
    scrollWanted.current = undefined;
    virtualizer.scrollToIndex(index, { align: 'center' });
  }, [view, virtualizer, area.element]);
  const onQuery = (next: string) => {
    setQuery(next);
    setMatchAt(0);
    if (next.trim()) setView('list');
    showFound(findMatches(turns, speakers, next)[0]);
  };
  const onStep = (direction: 1 | -1) => {
    if (matches.length === 0) return;
    const next =
      (Math.min(matchAt, matches.length - 1) + direction + matches.length) % matches.length;
    setMatchAt(next);
    showFound(matches[next]);
  };

  const playFrom = useCallback(
    (time: number) => {
      followRef.current = true;
      onPlayFrom(time);
    },
    [onPlayFrom],
  );

  useLayoutEffect(() => {
    if (!focusWanted.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${active}"] .turn-row`);
    if (!row) return;
    focusWanted.current = false;
    row.focus();
  });
  const onListKey = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(
      1,
      Math.floor(
        Math.min(area.element?.clientHeight ?? 0, window.innerHeight) / (hasText ? 64 : 40),
      ),
    );
    const last = turns.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: last,
    };
    const to = moves[event.key];
    if (to === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const next = Math.min(last, Math.max(0, to));
    focusWanted.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    if (next === active) focusWanted.current = false;
  };

  return (
    <section className="panel turns-panel" aria-labelledby="turns-heading">
      <div className="turns-header">
        <h2 id="turns-heading" className="subheading">
          {t('turns.heading')} <span className="muted">({format.count(turns.length)})</span>
        </h2>
        {turns.length > 0 ? (
          <FindField
            query={query}
            onQuery={onQuery}
            count={matches.length}
            at={matches.length > 0 ? Math.min(matchAt, matches.length - 1) : -1}
            onStep={onStep}
          />
        ) : null}
        {turns.length > 0 ? (
          <div className="view-toggle" role="group" aria-label={t('reading.showAs')}>
            {VIEWS.map((option) => (
              <button
                key={option}
                type="button"
                className="btn btn-small"
                aria-pressed={view === option}
                onClick={() => setView(option)}
              >
                {t(option === 'list' ? 'reading.list' : 'reading.view')}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {turns.length === 0 ? (
        <p className="muted">{t('turns.empty')}</p>
      ) : view === 'reading' ? (
        <ReadingView
          turns={turns}
          speakers={speakers}
          withHours={withHours}
          playhead={playhead}
          onPlayFrom={playFrom}
        />
      ) : (
        <div className="turn-scroll" ref={scrollRef}>
          <div
            className="turn-list"
            role="list"
            aria-label={t('turns.list')}
            style={{ height: virtualizer.getTotalSize() }}
            onKeyDown={onListKey}
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
                  style={{ transform: `translateY(${item.start - area.margin}px)` }}
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
                    tabbable={item.index === active}
                    highlight={matchSet.has(item.index) ? query : ''}
                    isFound={item.index === found}
                    onFocusRow={setActive}
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

/** The two ways to show the turns. */
const VIEWS = ['list', 'reading'] as const;

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
  /** The row Tab reaches (tabindex 0); the others are reached with the arrow keys. */
  tabbable: boolean;
  onFocusRow(index: number): void;
  /** What Find looks for, when this turn matches it ('' otherwise). */
  highlight: string;
  /** The match Find is showing. */
  isFound: boolean;
}

const TurnRow = memo(function TurnRow(props: TurnRowProps) {
  const { index, turn, name, colour, withHours, playhead, onPlayFrom, isSelected, onSelect } =
    props;
  const { tabbable, onFocusRow, highlight, isFound } = props;
  const { t } = useTranslation('result');
  const format = useFormat();
  // A boolean snapshot: this row re-renders only when it becomes, or stops being, the current turn.
  const current = useSyncExternalStore(playhead.subscribe, () => playhead.current === index);

  return (
    <button
      type="button"
      className={`turn-row${current ? ' is-current' : ''}${isSelected ? ' is-selected' : ''}${
        highlight ? ' is-match' : ''
      }${isFound ? ' is-found' : ''}`}
      aria-current={current ? 'true' : undefined}
      aria-pressed={isSelected}
      tabIndex={tabbable ? 0 : -1}
      onFocus={() => onFocusRow(index)}
      onClick={(event) => {
        const adding = event.ctrlKey || event.metaKey;
        onSelect(index, adding);
        if (!adding) onPlayFrom(turn.start);
      }}
    >
      <span className="turn-time">{formatClock(turn.start, withHours)}</span>
      <span className="turn-speaker">
        <span className="swatch" style={{ backgroundColor: colour }} aria-hidden="true" />
        <span className="turn-speaker-name">
          <Marked text={name} query={highlight} />
        </span>
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
      {turn.text ? (
        <span className="turn-text">
          <Marked text={turn.text} query={highlight} />
        </span>
      ) : null}
    </button>
  );
});

/** `text` with what Find looks for marked. */
function Marked({ text, query }: { text: string; query: string }) {
  if (!query) return text;
  return highlightParts(text, query).map((part, index) =>
    part.match ? <mark key={index}>{part.text}</mark> : part.text,
  );
}

/** Indexes of the turns whose words or speaker's name contain `query`. */
function findMatches(
  turns: readonly Turn[],
  speakers: ReadonlyMap<string, { name: string }>,
  query: string,
): number[] {
  if (!query.trim()) return [];
  const found: number[] = [];
  turns.forEach((turn, index) => {
    if (matchesQuery(query, turn.text, speakers.get(turn.speaker)?.name ?? turn.speaker))
      found.push(index);
  });
  return found;
}
