/** Find in a result: what matches, and where the marks go. */

import { describe, expect, it } from 'vitest';
import { highlightParts, matchesQuery } from '../../../src/renderer/result/find';

describe('find in a result', () => {
  it('matches the words or the speaker name, case aside; an empty query matches nothing', () => {
    expect(matchesQuery('budget', 'The Budget first.', 'Ada')).toBe(true);
    expect(matchesQuery('ADA', 'The budget first.', 'Ada')).toBe(true);
    expect(matchesQuery('grace', 'The budget first.', 'Ada')).toBe(false);
    expect(matchesQuery('  ', 'anything', 'Ada')).toBe(false);
    expect(matchesQuery('ada', undefined, 'Ada')).toBe(true);
  });

  it('cuts the text around every occurrence', () => {
    expect(highlightParts('Yes, yes and YES', 'yes')).toEqual([
      { text: 'Yes', match: true },
      { text: ', ', match: false },
      { text: 'yes', match: true },
      { text: ' and ', match: false },
      { text: 'YES', match: true },
    ]);
    expect(highlightParts('nothing here', 'x')).toEqual([{ text: 'nothing here', match: false }]);
    expect(highlightParts('text', '')).toEqual([{ text: 'text', match: false }]);
  });
});
