import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../src/main/window-options';

describe('mainWindowOptions', () => {
  const { webPreferences, show } = mainWindowOptions('/app/preload/index.cjs');

  it('loads our preload into a sandboxed, isolated page without Node', () => {
    expect(webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and embedded webviews off', () => {
    expect(webPreferences?.webSecurity).toBe(true);
    expect(webPreferences?.allowRunningInsecureContent).toBe(false);
    expect(webPreferences?.webviewTag).toBe(false);
    expect(webPreferences?.experimentalFeatures).toBe(false);
  });

  it('turns on no extra Blink features', () => {
    expect(webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('does not navigate to a file dropped on the window', () => {
    expect(webPreferences?.navigateOnDragDrop).toBe(false);
  });

  it('stays hidden until the page is ready, so nobody sees a blank window', () => {
    expect(show).toBe(false);
  });
});
