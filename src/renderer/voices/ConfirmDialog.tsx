/** A question before something is deleted for good: Cancel first (focused), the deletion second. */

import { useEffect, useRef, type ReactNode } from 'react';
import { Modal } from '../components/Modal';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  cancel: string;
  confirm: string;
  onConfirm(): void;
  onClose(): void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, cancel, confirm, onConfirm, onClose } = props;
  // Opens on the safe choice. This effect runs after the Modal's, which shows the dialog.
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <Modal
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} ref={cancelRef}>
            {cancel}
          </button>
          <button type="button" className="btn btn-danger" onClick={onConfirm}>
            {confirm}
          </button>
        </>
      }
    >
      {children}
    </Modal>
  );
}
