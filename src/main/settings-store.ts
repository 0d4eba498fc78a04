/** The person's settings, kept by electron-store in the data folder (mode 0600), checked by schema. */

import Store, { type Schema } from 'electron-store';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../shared/settings';
import type { SettingsStore } from '../core/app/ports';
import { openWithRecovery, type Recovered } from './settings-recovery';
import { settingsStoreSchema } from './settings-json-schema';

const NAME = 'settings';

export function openSettingsStore(dataDir: string): Recovered<SettingsStore> {
  const { properties, rootSchema } = settingsStoreSchema();
  const {
    value: store,
    notice,
    movedTo,
  } = openWithRecovery({
    file: join(dataDir, `${NAME}.json`),
    open: () =>
      new Store<Settings>({
        cwd: dataDir,
        name: NAME,
        schema: properties as Schema<Settings>,
        rootSchema,
        defaults: DEFAULT_SETTINGS,
        configFileMode: 0o600,
        // A damaged file is set aside and the person told (openWithRecovery), never wiped.
        clearInvalidConfig: false,
      }),
  });
  const settings: SettingsStore = {
    get: () => settingsSchema.parse(store.store),
    update(patch) {
      // Checked here too, so a bad value is refused with zod's words before the store sees it.
      const next = settingsSchema.parse({ ...settings.get(), ...patch });
      store.store = next;
      return settings.get();
    },
  };
  return notice
    ? { value: settings, notice, ...(movedTo ? { movedTo } : {}) }
    : { value: settings };
}
