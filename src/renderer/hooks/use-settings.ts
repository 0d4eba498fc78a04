/**
 * Loads the person's settings once and saves changes to them, keeping the last saved copy. The
 * page speaks the language and takes the appearance they hold as soon as they are known, and a
 * new choice at once.
 */

function applyToPage(settings: Settings): void {
  applyLanguageChoice(settings.language);
  applyAppearance(settings.appearance);
}

import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../shared/settings';
import { api, unwrap } from '../api';
import { applyAppearance } from '../appearance';
import { applyLanguageChoice } from '../i18n';
import { useErrorWords } from '../error-words';

export interface SettingsState {
  /** Undefined until loaded (or when loading failed; the batch panel then uses built-in defaults). */
  settings: Settings | undefined;
  loadError: string | undefined;
  /** Saves a change and answers the settings main kept; throws an ApiError when it refused. */
  update(patch: Partial<Settings>): Promise<Settings>;
}

export function useSettings(): SettingsState {
  const words = useErrorWords();
  const [settings, setSettings] = useState<Settings>();
  // Kept as what happened and put into words when read: a change of language rewords it.
  const [loadFailure, setLoadFailure] = useState<{ error: unknown }>();

  useEffect(() => {
    let live = true;
    unwrap(() => api()['settings:get']())
      .then((value) => {
        if (!live) return;
        applyToPage(value);
        setSettings(value);
      })
      .catch((error: unknown) => live && setLoadFailure({ error }));
    return () => {
      live = false;
    };
  }, []);

  const update = useCallback(async (patch: Partial<Settings>) => {
    const saved = await unwrap(() => api()['settings:update'](patch));
    applyToPage(saved);
    setSettings(saved);
    return saved;
  }, []);

  const loadError = loadFailure ? words.call(loadFailure.error) : undefined;
  return { settings, loadError, update };
}
