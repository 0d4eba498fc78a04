/** A checkbox with its label and, under the label, a hint or the reason it cannot be used. */

import { useEffect, useRef, type ReactNode } from 'react';

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

interface BareCheckboxProps {
  id?: string;
  /** Its name when no <label> around it says it (a row's "Select meeting.wav"). */
  label?: string;
  checked: boolean;
  /** Half-checked: some of what it stands for are chosen ("Select all shown"). */
  indeterminate?: boolean;
  disabled?: boolean;
  tabIndex?: number;
  className?: string;
  /** Clicked or pressed; `range` when Shift was held (a shift-click chooses a range). */
  onToggle(range: boolean): void;
}

/** A checkbox alone, for choosing rows in a list (its label is the row, or a <label> around it). */
export function BareCheckbox(props: BareCheckboxProps) {
  const { id, label, checked, indeterminate = false, disabled, tabIndex, className } = props;
  const { onToggle } = props;
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      id={id}
      className={className}
      aria-label={label}
      checked={checked}
      disabled={disabled}
      tabIndex={tabIndex}
      // A click from the mouse or the keyboard: the change event is that click.
      onChange={(event) => onToggle((event.nativeEvent as Partial<MouseEvent>).shiftKey === true)}
    />
  );
}
