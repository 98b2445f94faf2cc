import type {
  InputHTMLAttributes,
  ReactNode,
  Ref,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';
import { Field } from './Field';

interface LabelledProps {
  id: string;
  label: string;
  hideLabel?: boolean | undefined;
  hint?: string | undefined;
  /** Already translated error text; when present the control is marked invalid. */
  error?: string | undefined;
  /** Announce the error when it appears, where no summary of the form's problems would. */
  announceError?: boolean | undefined;
}

type InputFieldProps = LabelledProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { ref?: Ref<HTMLInputElement> };

/**
 * A labelled input with its hint and error. Takes what react-hook-form's
 * `register` returns (or `value` and `onChange`) like an `<input>` does.
 */
export function InputField({ id, label, hideLabel, hint, error, announceError, ...input }: InputFieldProps) {
  return (
    <Field {...{ id, label, hideLabel, hint, error, announceError }}>
      {(a11y) => <input {...input} {...a11y} />}
    </Field>
  );
}

type SelectFieldProps = LabelledProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { ref?: Ref<HTMLSelectElement>; children: ReactNode };

/** A labelled select with its hint and error; its options are the children. */
export function SelectField({
  id,
  label,
  hint,
  error,
  announceError,
  children,
  ...select
}: SelectFieldProps) {
  return (
    <Field {...{ id, label, hint, error, announceError }}>
      {(a11y) => (
        <select {...select} {...a11y}>
          {children}
        </select>
      )}
    </Field>
  );
}

type TextAreaFieldProps = LabelledProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
    ref?: Ref<HTMLTextAreaElement>;
    /** For long text: the length typed and the limit, shown as a live counter under the box. */
    counter?: { length: number; max: number } | undefined;
  };

/** A labelled text box of several lines with its hint, error and, for long text, its counter; `className` is the field's. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { id, label, hideLabel, hint, error, className, counter, announceError, ...textarea } = props;
  return (
    <Field {...{ id, label, hideLabel, hint, error, className, counter, announceError }}>
      {(a11y) => <textarea {...textarea} {...a11y} />}
    </Field>
  );
}

type SearchFieldProps = Omit<InputFieldProps, 'type' | 'onChange'> & { onSearch: (text: string) => void };

/** A labelled search box: the text is handed on as it is typed, and the browser does not offer old entries. */
export function SearchField({ onSearch, ...props }: SearchFieldProps) {
  return (
    <InputField
      {...props}
      type="search"
      autoComplete="off"
      onChange={(event) => onSearch(event.target.value)}
    />
  );
}
