/** The window's top bar: the app's name and the ways to add recordings. */

import { useTranslation } from 'react-i18next';
import { FOCUS_TARGETS } from '../focus';
import { FolderIcon, GearIcon, PlusIcon } from './icons';

interface AppHeaderProps {
  busy: boolean;
  onAddFiles(): void;
  onAddFolder(): void;
  onOpenSettings(): void;
}

export function AppHeader({ busy, onAddFiles, onAddFolder, onOpenSettings }: AppHeaderProps) {
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
        <button type="button" className="btn btn-quiet" onClick={onOpenSettings}>
          <GearIcon />
          {t('header.settings')}
        </button>
      </div>
    </header>
  );
}
