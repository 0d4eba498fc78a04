/**
 * Where playback is, as a tiny external store. The timeline redraws from it and each turn row
 * asks only "am I the current turn?", so a tick re-renders at most the two rows that change.
 */

import { turnAt, type Turn } from './turns';

export class Playhead {
  time = 0;
  current = -1;
  playing = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly turns: readonly Turn[]) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Set by `reveal()` until the turn list has brought the current turn into view. */
  revealWanted = false;

  /** Asks the turn list to follow playback again and show the current turn (a jump by turn). */
  reveal(): void {
    this.revealWanted = true;
    for (const listener of this.listeners) listener();
  }

  set(time: number, playing: boolean): void {
    if (time === this.time && playing === this.playing) return;
    this.time = time;
    this.playing = playing;
    this.current = turnAt(this.turns, time);
    for (const listener of this.listeners) listener();
  }
}
