import { describe, expect, it } from 'vitest';
import { progressKey, windowTitle } from '../../../src/renderer/hooks/use-window-title';
import type { JobsSnapshot } from '../../../src/renderer/store/jobs-store';
import { testI18n as i18n } from './jobs-i18n';

const title = (language: string, done?: number, total?: number) =>
  windowTitle(
    i18n.getFixedT(language, 'common'),
    done === undefined || total === undefined ? undefined : { done, total, fraction: done / total },
  );

describe('the window title', () => {
  it('says how far the work has come, in the page language, and rests as the app name', () => {
    expect(title('en', 2, 5)).toBe('Diarist — 2 of 5 done');
    expect(title('fr', 1, 5)).toBe('Diarist — 1 sur 5 terminé');
    expect(title('fr', 2, 5)).toBe('Diarist — 2 sur 5 terminés');
    expect(title('de', 2, 5)).toBe('Diarist — 2 von 5 fertig');
    expect(title('es', 2, 5)).toBe('Diarist — 2 de 5 terminadas');
    for (const language of ['en', 'fr', 'de', 'es']) expect(title(language)).toBe('Diarist');
  });
});

describe('the window title’s figure', () => {
  /** A snapshot whose job map counts how often it is read through. */
  const snapshotOf = (states: string[]) => {
    let reads = 0;
    const byId = new (class extends Map<string, { batchId: string; state: string }> {
      override values() {
        reads += 1;
        return super.values();
      }
    })(states.map((state, index) => [`j${index}`, { batchId: 'b1', state }]));
    return {
      snapshot: { byId, order: [], counts: {}, loaded: true } as unknown as JobsSnapshot,
      reads: () => reads,
    };
  };

  it('counts the jobs once per snapshot, however often React asks', () => {
    const first = snapshotOf(['succeeded', 'running', 'queued']);
    for (let n = 0; n < 5; n++) expect(progressKey(first.snapshot)).toBe('1/3');
    expect(first.reads()).toBe(1);
    // A change is a new snapshot: counted again.
    const next = snapshotOf(['succeeded', 'succeeded', 'running']);
    expect(progressKey(next.snapshot)).toBe('2/3');
    expect(next.reads()).toBe(1);
    // At rest (every job final): no figure.
    expect(progressKey(snapshotOf(['succeeded', 'failed']).snapshot)).toBe('');
  });
});
