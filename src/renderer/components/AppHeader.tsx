/** The window's top bar: the app's name and the ways to add recordings. */

import { useTranslation } from 'react-i18next';
import { FOCUS_TARGETS } from '../focus';
import { FolderIcon, GearIcon, PlusIcon, VoiceIcon } from './icons';

interface AppHeaderProps {
  busy: boolean;
  onAddFiles(): void;
  onAddFolder(): void;
  onOpenSettings(): void;
  /** The Voices page: the voices remembered on this computer. */
  onOpenVoices(): void;
}

export function AppHeader(props: AppHeaderProps) {
  const { busy, onAddFiles, onAddFolder, onOpenSettings, onOpenVoices } = props;
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <p className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Diarist
      </p>
      <div className="header-actions">
        <button
          type="button"
          className="btn btn-primary"
          id={FOCUS_TARGETS.addRecordings}
          onClick={onAddFiles}
          disabled={busy}
        >
          <PlusIcon />
          {t('header.addRecordings')}
        </button>
        <button type="button" className="btn" onClick={onAddFolder} disabled={busy}>
          <FolderIcon />
          {t('header.addFolder')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={onOpenVoices}>
          <VoiceIcon />
          {t('header.open', { ns: 'voices' })}
        </button>
        <button type="button" className="btn btn-quiet" onClick={onOpenSettings}>
          <GearIcon />
          {t('header.settings')}
        </button>
      </div>
    </header>
  );
}
