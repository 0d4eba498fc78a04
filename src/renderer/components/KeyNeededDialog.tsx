/** Asked when Start or Retry needs pyannoteAI and no key is set: says so, and takes the key here. */

import { useTranslation } from 'react-i18next';
import type { KeyStatus } from '../../shared/ipc-contract';
import { KeyForm } from './KeyForm';
import { Modal } from './Modal';

interface KeyNeededDialogProps {
  onSaved(status: KeyStatus): void;
  onClose(): void;
}

export function KeyNeededDialog({ onSaved, onClose }: KeyNeededDialogProps) {
  const { t } = useTranslation('jobs');
  return (
    <Modal title={t('noKey.title')} onClose={onClose}>
      <p>{t('noKey.text')}</p>
      <KeyForm autoFocus onSaved={onSaved} onCancel={onClose} />
    </Modal>
  );
}
