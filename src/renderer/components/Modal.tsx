/** A modal dialog on the native <dialog> element, which already traps focus and closes on Escape. */

import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons along the bottom edge. */
  actions?: ReactNode;
  className?: string;
  /** The title's id, for a page that sends focus back to its heading. */
  titleId?: string;
}

export function Modal({ title, onClose, children, actions, className, titleId: id }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const generatedId = useId();
  const titleId = id ?? generatedId;
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Focus returns to whatever opened the dialog, so keyboard users keep their place.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={`modal ${className ?? ''}`} aria-labelledby={titleId}>
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      <div className="modal-body">{children}</div>
      {actions ? <div className="modal-actions">{actions}</div> : null}
    </dialog>
  );
}
