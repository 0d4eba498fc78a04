/** Where the player's "previous turn" and "next turn" shortcuts go. */

import { describe, expect, it } from 'vitest';
import { turnStep } from '../../../src/renderer/result/shortcuts';

const turns = [{ start: 0.4 }, { start: 3 }, { start: 7.5 }, { start: 7.5 }, { start: 12 }];

describe('turnStep', () => {
  it('next goes to the first turn starting after now, and nowhere after the last', () => {
    expect(turnStep(turns, 0, 'next')).toBe(0.4);
    expect(turnStep(turns, 0.4, 'next')).toBe(3);
    expect(turnStep(turns, 5, 'next')).toBe(7.5);
    expect(turnStep(turns, 7.5, 'next')).toBe(12);
    expect(turnStep(turns, 12, 'next')).toBeUndefined();
  });

  it('previous goes to the start of this turn, or to the one before within a second of its start', () => {
    expect(turnStep(turns, 5, 'previous')).toBe(3);
    expect(turnStep(turns, 3.5, 'previous')).toBe(0.4);
    expect(turnStep(turns, 12.2, 'previous')).toBe(7.5);
    expect(turnStep(turns, 0.6, 'previous')).toBe(0);
    expect(turnStep([], 4, 'previous')).toBeUndefined();
  });
});
