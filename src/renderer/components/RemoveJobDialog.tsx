/* eslint-disable i18next/no-literal-string -- not translated yet (issue 15) */
/** Confirms removing a finished job from the list, and asks whether its saved result goes too. */

import { useEffect, useRef, useState } from 'react';
import type { JobView } from '../../shared/ipc-contract';
import { CheckboxField } from './CheckboxField';
import { Modal } from './Modal';

interface RemoveJobDialogProps {
  job: JobView;
  onConfirm(deleteResult: boolean): void;
  onClose(): void;
}

export function RemoveJobDialog({ job, onConfirm, onClose }: RemoveJobDialogProps) {
  const [deleteResult, setDeleteResult] = useState(false);
  const hasResult = job.state === 'succeeded' || job.resultFile !== undefined;
  // Opens on the safe choice, not on the first control (the destructive checkbox). This effect
  // runs after the Modal's, which shows the dialog and focuses its first control.
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);

  return (
    <Modal
      title={`Remove “${job.source.name}” from the list?`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} ref={cancelRef}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => onConfirm(hasResult && deleteResult)}
          >
            Remove
          </button>
        </>
      }
    >
      <p>The recording itself stays where it is on your computer.</p>
      {hasResult ? (
        <CheckboxField
          id="remove-delete-result"
          label="Also delete the saved result"
          hint="Speaker names and timings for this recording are then gone for good. pyannoteAI keeps results for only 24 hours, so it may not be possible to fetch them again."
          checked={deleteResult}
          onChange={setDeleteResult}
        />
      ) : null}
    </Modal>
  );
}
