/**
 * Naive baseline: the speaker timeline the straightforward way, one absolutely positioned <div>
 * per turn (and per ruler tick) in a track as wide as the zoomed recording, all re-rendered by
 * React on every zoom and playhead change. Same props, controls, names and zoom behaviour as
 * src/renderer/result/Timeline.tsx, which paints only the visible window on a <canvas> instead.
 *
 * Written with createElement rather than JSX: the bench folder is type-checked with the Node
 * project, which has no JSX or DOM settings (DOM access goes through ../ui-dom).
 */

import {
  createElement as h,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { ResultSegment } from '../../src/shared/result';
import { formatClock } from '../../src/renderer/format';
import type { Playhead } from '../../src/renderer/result/playhead';
import { page, type PageElement } from '../ui-dom';

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

const RULER_HEIGHT = 24;
const LANE_HEIGHT = 28;
const LANE_GAP = 8;
const laneTop = (lane: number) => RULER_HEIGHT + 4 + lane * (LANE_HEIGHT + LANE_GAP);
const MAX_SCALE = 400;
const ZOOM_STEP = 2;
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

export function Timeline({ lanes, duration, playhead, onSeek }: TimelineProps) {
  const scrollerRef = useRef<PageElement | null>(null);
  const [width, setWidth] = useState(0);
  const [zoom, setZoom] = useState(1);
  const anchorRef = useRef<{ time: number; x: number } | null>(null);
  const time = useSyncExternalStore(playhead.subscribe, () => playhead.time);
  const height = RULER_HEIGHT + lanes.length * (LANE_HEIGHT + LANE_GAP) + 4;
  const fitScale = width > 0 ? width / duration : 1;
  const maxZoom = Math.max(1, MAX_SCALE / fitScale);
  const scale = fitScale * zoom;

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const observer = new page.ResizeObserver(() => setWidth(scroller.clientWidth));
    observer.observe(scroller);
    setWidth(scroller.clientWidth);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    const anchor = anchorRef.current;
    if (scroller && anchor) {
      scroller.scrollLeft = anchor.time * scale - anchor.x;
      anchorRef.current = null;
    }
  }, [scale]);

  const zoomTo = useCallback(
    (next: number, x?: number) => {
      const scroller = scrollerRef.current;
      if (!scroller) return;
      const at = x ?? scroller.clientWidth / 2;
      anchorRef.current = { time: (scroller.scrollLeft + at) / scale, x: at };
      setZoom(Math.min(maxZoom, Math.max(1, next)));
    },
    [maxZoom, scale],
  );

  useEffect(() => {
    const scroller = scrollerRef.current as unknown as {
      addEventListener(type: 'wheel', listener: (event: WheelLike) => void, options: object): void;
      removeEventListener(type: 'wheel', listener: (event: WheelLike) => void): void;
      getBoundingClientRect(): { left: number };
    } | null;
    if (!scroller) return;
    const onWheel = (event: WheelLike) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      zoomTo(
        zoom * (event.deltaY < 0 ? 1.25 : 0.8),
        event.clientX - scroller.getBoundingClientRect().left,
      );
    };
    scroller.addEventListener('wheel', onWheel, { passive: false });
    return () => scroller.removeEventListener('wheel', onWheel);
  }, [zoom, zoomTo]);

  const trackWidth = Math.max(width, duration * scale);
  const step = STEPS.find((s) => s * scale >= 84) ?? 7200;
  const ticks = [];
  for (let t = 0; t <= duration; t += step) {
    ticks.push(
      h(
        'div',
        {
          key: t,
          className: 'naive-tick',
          style: {
            position: 'absolute',
            left: t * scale,
            top: 0,
            height: RULER_HEIGHT,
            borderLeft: '1px solid #c9ced6',
            paddingLeft: 4,
            fontSize: 11,
            lineHeight: `${RULER_HEIGHT}px`,
            color: '#57606a',
            whiteSpace: 'nowrap',
          },
        },
        formatClock(t, duration >= 3600),
      ),
    );
  }
  const segments = lanes.flatMap((lane, index) =>
    lane.segments.map((segment, i) =>
      h('div', {
        key: `${lane.label}-${i}`,
        className: 'naive-segment',
        style: {
          position: 'absolute',
          left: segment.start * scale,
          top: laneTop(index) + 3,
          width: Math.max(1.5, (segment.end - segment.start) * scale),
          height: LANE_HEIGHT - 6,
          backgroundColor: lane.colour,
        },
      }),
    ),
  );
  const backgrounds = lanes.map((lane, index) =>
    h('div', {
      key: lane.label,
      style: {
        position: 'absolute',
        left: 0,
        top: laneTop(index),
        width: duration * scale,
        height: LANE_HEIGHT,
        backgroundColor: '#f1f3f6',
      },
    }),
  );
  const playheadLine = h('div', {
    style: {
      position: 'absolute',
      left: time * scale,
      top: 0,
      width: 2,
      height,
      backgroundColor: '#c42b1c',
    },
  });

  const names = lanes.map((lane) => lane.name).join(', ');
  const shown = Math.min(duration, width / scale);
  return h(
    'section',
    { className: 'timeline', 'aria-labelledby': 'timeline-heading' },
    h(
      'div',
      { className: 'section-header' },
      h('h2', { id: 'timeline-heading', className: 'subheading' }, 'Timeline'),
      h(
        'div',
        { className: 'zoom-controls' },
        h(
          'span',
          { className: 'muted small' },
          width === 0
            ? ''
            : shown >= duration
              ? 'Showing the whole recording'
              : `Showing ${formatClock(shown)} of ${formatClock(duration)}`,
        ),
        h(
          'button',
          {
            type: 'button',
            className: 'btn btn-small',
            onClick: () => zoomTo(zoom / ZOOM_STEP),
            disabled: zoom <= 1,
          },
          'Zoom out',
        ),
        h(
          'button',
          {
            type: 'button',
            className: 'btn btn-small',
            onClick: () => zoomTo(zoom * ZOOM_STEP),
            disabled: zoom >= maxZoom,
          },
          'Zoom in',
        ),
      ),
    ),
    h(
      'div',
      { className: 'timeline-body' },
      h(
        'ul',
        { className: 'lane-names', 'aria-label': 'Speakers on the timeline' },
        h('li', {
          className: 'lane-ruler-spacer',
          style: { height: laneTop(0) },
          'aria-hidden': 'true',
        }),
        lanes.map((lane) =>
          h(
            'li',
            {
              key: lane.label,
              className: 'lane-name',
              style: { height: LANE_HEIGHT, marginBottom: LANE_GAP },
            },
            h('span', {
              className: 'swatch',
              style: { backgroundColor: lane.colour },
              'aria-hidden': 'true',
            }),
            h('span', { className: 'lane-name-text', title: lane.name }, lane.name),
          ),
        ),
      ),
      h(
        'div',
        {
          className: 'timeline-scroller',
          ref: (element: unknown) => {
            scrollerRef.current = element as PageElement | null;
          },
          tabIndex: 0,
          'aria-label':
            'Timeline, scroll sideways with the arrow keys; hold Ctrl and use the wheel to zoom',
        },
        h(
          'div',
          {
            className: 'timeline-track',
            role: 'img',
            'aria-label': `Who speaks when: ${lanes.length} speakers (${names}) over ${formatClock(duration)}. Click to play from that moment; the turn list below has the same turns as buttons.`,
            style: { width: trackWidth, height, position: 'relative', cursor: 'pointer' },
            onClick: (event: { clientX: number }) => {
              const scroller = scrollerRef.current;
              if (!scroller) return;
              const x = event.clientX - scroller.getBoundingClientRect().left + scroller.scrollLeft;
              onSeek(Math.min(duration, Math.max(0, x / scale)));
            },
          },
          backgrounds,
          ticks,
          segments,
          playheadLine,
        ),
      ),
    ),
  );
}

interface WheelLike {
  ctrlKey: boolean;
  metaKey: boolean;
  deltaY: number;
  clientX: number;
  preventDefault(): void;
}
