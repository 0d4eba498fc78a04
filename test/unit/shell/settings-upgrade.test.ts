/** The update-check setting is new in this version: settings saved before it still open as they were. */

import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../src/shared/settings';
import { isUsableSettingsText } from '../../../src/main/settings-recovery';

describe('the check-for-updates setting', () => {
  it('is on unless the person turns it off', () => {
    expect(DEFAULT_SETTINGS.checkForUpdates).toBe(true);
    expect(
      settingsSchema.parse({ ...DEFAULT_SETTINGS, checkForUpdates: false }).checkForUpdates,
    ).toBe(false);
  });

  it('leaves a settings file from 0.1.0 usable (not set aside as damaged), with checks on', () => {
    const { checkForUpdates: _new, ...older } = { ...DEFAULT_SETTINGS, uploadConcurrency: 3 };
    expect(isUsableSettingsText(JSON.stringify(older))).toBe(true);
    expect(settingsSchema.parse({ ...DEFAULT_SETTINGS, ...older })).toMatchObject({
      uploadConcurrency: 3,
      checkForUpdates: true,
    });
  });
});
