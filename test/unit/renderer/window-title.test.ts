import { describe, expect, it } from 'vitest';
import { windowTitle } from '../../../src/renderer/hooks/use-window-title';
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
