/** A checkbox with its label and, under the label, a hint or the reason it cannot be used. */

import type { ReactNode } from 'react';

interface CheckboxFieldProps {
  /** The checkbox's id; the hint's is `${id}-hint`. */
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  /** One line on what the choice does. */
  hint?: ReactNode;
  /** Why the current choice cannot be sent; shown instead of the hint and announced. */
  error?: string | undefined;
  disabled?: boolean;
}

export function CheckboxField(props: CheckboxFieldProps) {
  const { id, label, checked, onChange, hint, error, disabled } = props;
  const hintId = `${id}-hint`;
  const described = error !== undefined || hint !== undefined;
  const labelElement = <label htmlFor={id}>{label}</label>;
  return (
    <div className="choice">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described ? hintId : undefined}
      />
      {described ? (
        <div>
          {labelElement}
          {error ? (
            <p className="field-error" id={hintId} role="alert">
              {error}
            </p>
          ) : (
            <p className="choice-hint" id={hintId}>
              {hint}
            </p>
          )}
        </div>
      ) : (
        labelElement
      )}
    </div>
  );
}
