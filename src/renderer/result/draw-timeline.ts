/** Paints the visible window of the speaker timeline: a time ruler, one lane per speaker, the playhead. */

import type { ResultSegment } from '../../shared/result';
import { formatClock } from '../format';
import { lastStartingBefore } from './turns';

export const RULER_HEIGHT = 24;
export const LANE_HEIGHT = 28;
export const LANE_GAP = 8;

export function timelineHeight(lanes: number): number {
  return RULER_HEIGHT + lanes * (LANE_HEIGHT + LANE_GAP) + 4;
}

export function laneTop(lane: number): number {
  return RULER_HEIGHT + 4 + lane * (LANE_HEIGHT + LANE_GAP);
}

/** The timeline's own colours, from the page's theme (styles.css: --timeline-*). */
export interface TimelinePalette {
  lane: string;
  axis: string;
  label: string;
  playhead: string;
}

export const LIGHT_PALETTE: TimelinePalette = {
  lane: '#f1f3f6',
  axis: '#c9ced6',
  label: '#57606a',
  playhead: '#c42b1c',
};

/** The palette the page's styles give `element` (light or dark), the light one where unset. */
export function timelinePalette(element: Element): TimelinePalette {
  const style = getComputedStyle(element);
  const read = (name: keyof TimelinePalette) =>
    style.getPropertyValue(`--timeline-${name}`).trim() || LIGHT_PALETTE[name];
  return {
    lane: read('lane'),
    axis: read('axis'),
    label: read('label'),
    playhead: read('playhead'),
  };
}

export interface TimelineFrame {
  width: number;
  height: number;
  scrollLeft: number;
  /** Pixels per second at the current zoom. */
  scale: number;
  duration: number;
  lanes: readonly (readonly ResultSegment[])[];
  colours: readonly string[];
  time: number;
  palette: TimelinePalette;
}

/** Ruler steps people read easily; the first that leaves room for a label is used. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
const MIN_TICK_SPACING = 84;

export function drawTimeline(ctx: CanvasRenderingContext2D, frame: TimelineFrame): void {
  const { width, height, scrollLeft, scale, duration, lanes, colours, time, palette } = frame;
  ctx.clearRect(0, 0, width, height);
  const from = scrollLeft / scale;
  const to = (scrollLeft + width) / scale;
  const x = (seconds: number) => seconds * scale - scrollLeft;

  // Lane backgrounds, so short pauses read as gaps rather than as missing lanes.
  ctx.fillStyle = palette.lane;
  for (let lane = 0; lane < lanes.length; lane += 1) {
    ctx.fillRect(0, laneTop(lane), Math.min(width, x(duration)), LANE_HEIGHT);
  }

  drawRuler(ctx, frame, from, to, x);

  lanes.forEach((segments, lane) => {
    const top = laneTop(lane);
    ctx.fillStyle = colours[lane] ?? '#5d5d5d';
    // Only the visible turns are drawn: a binary search finds the first one.
    for (let i = Math.max(0, lastStartingBefore(segments, from)); i < segments.length; i += 1) {
      const segment = segments[i];
      if (!segment) break;
      if (segment.start > to) break;
      if (segment.end < from) continue;
      const left = x(segment.start);
      const w = Math.max(1.5, (segment.end - segment.start) * scale);
      ctx.fillRect(left, top + 3, w, LANE_HEIGHT - 6);
    }
  });

  if (time >= from && time <= to) {
    const px = Math.round(x(time)) + 0.5;
    ctx.strokeStyle = palette.playhead;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(px, 2);
    ctx.lineTo(px, height);
    ctx.stroke();
    ctx.fillStyle = palette.playhead;
    ctx.beginPath();
    ctx.moveTo(px - 5, 0);
    ctx.lineTo(px + 5, 0);
    ctx.lineTo(px, 7);
    ctx.fill();
  }
}

function drawRuler(
  ctx: CanvasRenderingContext2D,
  frame: TimelineFrame,
  from: number,
  to: number,
  x: (seconds: number) => number,
): void {
  const step = STEPS.find((s) => s * frame.scale >= MIN_TICK_SPACING) ?? 7200;
  const withHours = frame.duration >= 3600;
  ctx.strokeStyle = frame.palette.axis;
  ctx.fillStyle = frame.palette.label;
  ctx.lineWidth = 1;
  ctx.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.beginPath();
  ctx.moveTo(0, RULER_HEIGHT - 0.5);
  ctx.lineTo(frame.width, RULER_HEIGHT - 0.5);
  for (let t = Math.floor(from / step) * step; t <= Math.min(to, frame.duration); t += step) {
    const px = Math.round(x(t)) + 0.5;
    ctx.moveTo(px, RULER_HEIGHT - 7);
    ctx.lineTo(px, RULER_HEIGHT);
    ctx.fillText(formatClock(t, withHours), px + 4, RULER_HEIGHT / 2 - 1);
  }
  ctx.stroke();
}
