/**
 * The speaker timeline: one lane per speaker on a <canvas> (cheap even for thousands of turns),
 * named at the start of each lane, zoomable and scrollable; clicking it moves playback there.
 */

import type { TFunction } from 'i18next';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultSegment } from '../../shared/result';
import { formatClock } from '../format';
import { watchColourScheme } from '../appearance';
import {
  drawTimeline,
  LANE_GAP,
  LANE_HEIGHT,
  laneTop,
  timelineHeight,
  timelinePalette,
} from './draw-timeline';
import type { Playhead } from './playhead';
import { ShortcutsHelp } from './ShortcutsHelp';

export interface TimelineLane {
  label: string;
  name: string;
  colour: string;
  segments: readonly ResultSegment[];
}

interface TimelineProps {
  lanes: readonly TimelineLane[];
  duration: number;
  playhead: Playhead;
  onSeek(time: number): void;
}

/** Zoom is a multiple of "whole recording fits"; the top end shows about a tenth of a second per 40 px. */
const MAX_SCALE = 400;
const ZOOM_STEP = 2;

export function Timeline({ lanes, duration, playhead, onSeek }: TimelineProps) {
  const { t } = useTranslation('result');
  const scrollerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [zoom, setZoom] = useState(1);
  /** The moment to keep under the same x position after a zoom (centre, or the pointer). */
  const anchorRef = useRef<{ time: number; x: number } | null>(null);
  const height = timelineHeight(lanes.length);
  const fitScale = width > 0 ? width / duration : 1;
  const maxZoom = Math.max(1, MAX_SCALE / fitScale);
  const scale = fitScale * zoom;

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const observer = new ResizeObserver(() => setWidth(scroller.clientWidth));
    observer.observe(scroller);
    setWidth(scroller.clientWidth);
    return () => observer.disconnect();
  }, []);

  const draw = useCallback(() => {
    const canvas = canvasRef.current;
    const scroller = scrollerRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !scroller || !ctx || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawTimeline(ctx, {
      width,
      height,
      scrollLeft: scroller.scrollLeft,
      scale,
      duration,
      lanes: lanes.map((lane) => lane.segments),
      colours: lanes.map((lane) => lane.colour),
      time: playhead.time,
      palette: timelinePalette(canvas),
    });
  }, [width, height, scale, duration, lanes, playhead]);

  // Painted again in the other colours when light or dark changes (the computer's or the choice).
  useEffect(() => watchColourScheme(draw), [draw]);

  // After a zoom, scroll so the anchored moment stays put, then repaint.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    const anchor = anchorRef.current;
    if (scroller && anchor) {
      scroller.scrollLeft = anchor.time * scale - anchor.x;
      anchorRef.current = null;
    }
    draw();
  }, [draw, scale]);

  // Repaint on playback; while playing, keep the playhead in view by paging forward.
  useEffect(
    () =>
      playhead.subscribe(() => {
        const scroller = scrollerRef.current;
        if (scroller && playhead.playing) {
          const x = playhead.time * scale - scroller.scrollLeft;
          if (x < 0 || x > scroller.clientWidth - 16) {
            scroller.scrollLeft = playhead.time * scale - scroller.clientWidth * 0.1;
          }
        }
        draw();
      }),
    [playhead, draw, scale],
  );

  const zoomTo = useCallback(
    (next: number, x?: number) => {
      const scroller = scrollerRef.current;
      if (!scroller) return;
      const clamped = Math.min(maxZoom, Math.max(1, next));
      const middle = scroller.clientWidth / 2;
      if (x !== undefined) {
        anchorRef.current = { time: (scroller.scrollLeft + x) / scale, x };
      } else {
        // The buttons zoom around the playhead when it is in view, and put it in the middle.
        const playheadX = playhead.time * scale - scroller.scrollLeft;
        const inView = playheadX >= 0 && playheadX <= scroller.clientWidth;
        anchorRef.current = {
          time: inView ? playhead.time : (scroller.scrollLeft + middle) / scale,
          x: middle,
        };
      }
      setZoom(clamped);
    },
    [maxZoom, scale, playhead],
  );

  // Ctrl + wheel zooms around the pointer; the listener must be non-passive to stop page zoom.
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const x = event.clientX - scroller.getBoundingClientRect().left;
      zoomTo(zoom * (event.deltaY < 0 ? 1.25 : 0.8), x);
    };
    scroller.addEventListener('wheel', onWheel, { passive: false });
    return () => scroller.removeEventListener('wheel', onWheel);
  }, [zoom, zoomTo]);

  const seekAt = (clientX: number) => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const x = clientX - scroller.getBoundingClientRect().left + scroller.scrollLeft;
    onSeek(Math.min(duration, Math.max(0, x / scale)));
  };

  const names = lanes.map((lane) => lane.name).join(', ');
  return (
    <section className="timeline" aria-labelledby="timeline-heading">
      <div className="section-header">
        <h2 id="timeline-heading" className="subheading">
          {t('timeline.heading')}
        </h2>
        <div className="zoom-controls">
          <ShortcutsHelp />
          <WindowText
            t={t}
            width={width}
            scale={scale}
            duration={duration}
            scrollerRef={scrollerRef}
          />
          <button
            type="button"
            className="btn btn-small"
            onClick={() => zoomTo(zoom / ZOOM_STEP)}
            disabled={zoom <= 1}
          >
            {t('timeline.zoomOut')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => zoomTo(zoom * ZOOM_STEP)}
            disabled={zoom >= maxZoom}
          >
            {t('timeline.zoomIn')}
          </button>
        </div>
      </div>
      <div className="timeline-body">
        <ul className="lane-names" aria-label={t('timeline.lanes')}>
          <li className="lane-ruler-spacer" style={{ height: laneTop(0) }} aria-hidden="true" />
          {lanes.map((lane) => (
            <li
              key={lane.label}
              className="lane-name"
              style={{ height: LANE_HEIGHT, marginBottom: LANE_GAP }}
            >
              <span
                className="swatch"
                style={{ backgroundColor: lane.colour }}
                aria-hidden="true"
              />
              <span className="lane-name-text" title={lane.name}>
                {lane.name}
              </span>
            </li>
          ))}
        </ul>
        <div
          className="timeline-scroller"
          ref={scrollerRef}
          tabIndex={0}
          aria-label={t('timeline.scroller')}
          onScroll={draw}
        >
          <div
            className="timeline-track"
            style={{ width: Math.max(width, duration * scale), height }}
          >
            <canvas
              ref={canvasRef}
              className="timeline-canvas"
              style={{ width, height }}
              role="img"
              aria-label={t('timeline.canvas', {
                count: lanes.length,
                names,
                length: formatClock(duration),
              })}
              onClick={(event) => seekAt(event.clientX)}
            />
          </div>
        </div>
      </div>
    </section>
  );
}

/**
 * Which part of the recording the timeline shows: "Showing 0:07 – 0:14 of 1:00". Screen readers
 * hear "from … to …" instead of the dash. Follows scrolling and playback's paging.
 */
function WindowText({
  t,
  width,
  scale,
  duration,
  scrollerRef,
}: {
  t: TFunction<'result'>;
  width: number;
  scale: number;
  duration: number;
  scrollerRef: RefObject<HTMLDivElement | null>;
}) {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const update = () => setLeft(scroller.scrollLeft);
    update();
    scroller.addEventListener('scroll', update, { passive: true });
    return () => scroller.removeEventListener('scroll', update);
  }, [scrollerRef, scale]);
  if (width === 0) return <span className="muted small" />;
  const shown = Math.min(duration, width / scale);
  if (shown >= duration) return <span className="muted small">{t('timeline.whole')}</span>;
  const withHours = duration >= 3600;
  const from = Math.max(0, Math.min(duration - shown, left / scale));
  const params = {
    from: formatClock(from, withHours),
    to: formatClock(from + shown, withHours),
    total: formatClock(duration, withHours),
  };
  return (
    <span className="muted small">
      <span aria-hidden="true">{t('timeline.range', params)}</span>
      <span className="visually-hidden">{t('timeline.rangeSpoken', params)}</span>
    </span>
  );
}
