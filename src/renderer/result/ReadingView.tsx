/**
 * The reading view: consecutive turns of one speaker as one paragraph, with its start time and
 * the speaker's name (and the words, when transcribed). A time plays from there; the paragraph
 * playing is marked and kept in view unless the person scrolled away. "Copy text" copies it all.
 */

import { memo, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api';
import { useErrorWords } from '../error-words';
import { formatClock } from '../format';
import type { Playhead } from './playhead';
import { buildParagraphs, readingText, type Paragraph } from './reading';
import type { Turn } from './turns';
import { inSight, useScrollArea } from '../hooks/use-scroll-area';

interface ReadingViewProps {
  turns: readonly Turn[];
  speakers: ReadonlyMap<string, { name: string; colour: string }>;
  withHours: boolean;
  playhead: Playhead;
  onPlayFrom(time: number): void;
}

/** Keys that scroll the reading view when it has focus (Space plays or pauses there). */
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

export function ReadingView({
  turns,
  speakers,
  withHours,
  playhead,
  onPlayFrom,
}: ReadingViewProps) {
  const { t } = useTranslation('result');
  const words = useErrorWords();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Its own box, or in a small window the window's one scroll area (use-scroll-area.ts).
  const { element: scroller } = useScrollArea(scrollRef);
  const paragraphs = useMemo(() => buildParagraphs(turns), [turns]);
  // Turn index → paragraph index, for "which paragraph is playing".
  const paragraphOf = useMemo(() => {
    const of = new Int32Array(turns.length);
    paragraphs.forEach((p, index) => of.fill(index, p.first, p.last + 1));
    return of;
  }, [paragraphs, turns.length]);
  const [note, setNote] = useState<'copied' | 'notCopied' | { error: string }>();

  // Follows playback like the turn list: until the person scrolls, then again on play.
  useEffect(() => {
    const box = scrollRef.current;
    if (!scroller || !box) return;
    let follow = true;
    let shown = -1;
    let wasPlaying = playhead.playing;
    const away = () => {
      follow = false;
    };
    const onKey = (event: KeyboardEvent) => {
      if (SCROLL_KEYS.has(event.key)) away();
    };
    scroller.addEventListener('wheel', away, { passive: true });
    scroller.addEventListener('touchmove', away, { passive: true });
    scroller.addEventListener('keydown', onKey);
    const unsubscribe = playhead.subscribe(() => {
      if ((playhead.playing && !wasPlaying) || playhead.revealWanted) {
        playhead.revealWanted = false;
        follow = true;
        shown = -1;
      }
      wasPlaying = playhead.playing;
      const current = playhead.current < 0 ? -1 : (paragraphOf[playhead.current] ?? -1);
      if (!follow || current < 0 || current === shown || !inSight(box, scroller)) return;
      shown = current;
      const element = box.querySelector<HTMLElement>(`[data-paragraph="${current}"]`);
      if (!element) return;
      const shownBox = scroller.getBoundingClientRect();
      const at = element.getBoundingClientRect();
      if (at.top < shownBox.top || at.top > shownBox.bottom - 24)
        scroller.scrollTop += at.top - shownBox.top - 8;
    });
    return () => {
      unsubscribe();
      scroller.removeEventListener('wheel', away);
      scroller.removeEventListener('touchmove', away);
      scroller.removeEventListener('keydown', onKey);
    };
  }, [playhead, paragraphOf, scroller]);

  const nameOf = (label: string) => speakers.get(label)?.name ?? label;
  const copy = async () => {
    setNote(undefined);
    try {
      const text = readingText(paragraphs, nameOf, withHours);
      const copied = await unwrap(() => api()['clipboard:write']({ text }));
      setNote(copied ? 'copied' : 'notCopied');
    } catch (error) {
      setNote({ error: words.call(error) });
    }
  };

  return (
    <div className="reading">
      <div className="reading-actions">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void copy()}
          disabled={paragraphs.length === 0}
        >
          {t('reading.copy')}
        </button>
        <span
          className={typeof note === 'object' ? 'field-error' : 'muted small'}
          role="status"
          aria-live="polite"
        >
          {typeof note === 'object'
            ? t('reading.copyFailed', { reason: note.error })
            : note
              ? t(`reading.${note}`)
              : null}
        </span>
      </div>
      {/* A scroll area people read: reachable with Tab so the keys can scroll it. */}
      <div
        className="reading-scroll"
        ref={scrollRef}
        tabIndex={0}
        aria-label={t('reading.label')}
        role="region"
      >
        {paragraphs.map((paragraph, index) => (
          <ReadingParagraph
            key={`${paragraph.first}-${paragraph.speaker}`}
            index={index}
            paragraph={paragraph}
            name={nameOf(paragraph.speaker)}
            colour={speakers.get(paragraph.speaker)?.colour ?? '#5d5d5d'}
            withHours={withHours}
            playhead={playhead}
            onPlayFrom={onPlayFrom}
          />
        ))}
      </div>
    </div>
  );
}

const ReadingParagraph = memo(function ReadingParagraph(props: {
  index: number;
  paragraph: Paragraph;
  name: string;
  colour: string;
  withHours: boolean;
  playhead: Playhead;
  onPlayFrom(time: number): void;
}) {
  const { index, paragraph, name, colour, withHours, playhead, onPlayFrom } = props;
  const { t } = useTranslation('result');
  const { first, last } = paragraph;
  const current = useSyncExternalStore(
    playhead.subscribe,
    () => playhead.current >= first && playhead.current <= last,
  );
  const time = formatClock(paragraph.start, withHours);
  return (
    <div
      className={`reading-paragraph${current ? ' is-current' : ''}`}
      data-paragraph={index}
      aria-current={current ? 'true' : undefined}
    >
      <p className="reading-head">
        <button
          type="button"
          className="reading-time"
          onClick={() => onPlayFrom(paragraph.start)}
          aria-label={t('reading.playFrom', { time, name })}
        >
          {time}
        </button>
        <span className="swatch" style={{ backgroundColor: colour }} aria-hidden="true" />
        <span className="reading-speaker">{name}</span>
        {paragraph.text ? null : (
          <span className="muted small">
            {t('reading.until', { time: formatClock(paragraph.end, withHours) })}
          </span>
        )}
      </p>
      {paragraph.text ? <p className="reading-text">{paragraph.text}</p> : null}
    </div>
  );
});
