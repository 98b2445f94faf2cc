import type { ReactNode } from 'react';
import { CharacterCount } from './CharacterCount';

/** Props a form control needs to be tied to its label, hint and error message. */
export interface ControlA11yProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  id: string;
  label: string;
  /** Where the surroundings already say what the box is for (a one-box banner): the label is for screen readers only. */
  hideLabel?: boolean | undefined;
  hint?: string | undefined;
  /** Already translated error text; when present the control is marked invalid. */
  error?: string | undefined;
  className?: string;
  /** For long text: the length typed and the limit, shown as a live counter under the control. */
  counter?: { length: number; max: number } | undefined;
  /** The error is announced when it appears (a form of one field, with no summary to announce it). */
  announceError?: boolean | undefined;
  children: (control: ControlA11yProps) => ReactNode;
}

/** A labelled form control with its hint and error, laid out for touch. */
export function Field({
  id,
  label,
  hideLabel,
  hint,
  error,
  className,
  counter,
  announceError,
  children,
}: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const countId = counter ? `${id}-count` : undefined;
  const describedBy = [hintId, countId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].join(' ').trim()}>
      <label className={hideLabel ? 'visually-hidden' : 'field__label'} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {counter && countId ? <CharacterCount id={countId} length={counter.length} max={counter.max} /> : null}
      {error ? (
        <p className="field__error" id={errorId} role={announceError ? 'alert' : undefined}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
