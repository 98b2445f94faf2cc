import { useWatch, type FieldPathByValue } from 'react-hook-form';
import type { HouseholdDraftInput } from '../../domain/householdDraft';
import { Field } from '../../ui/Field';
import { useHouseholdFields } from './useHouseholdFields';

interface HouseholdTextAreaProps {
  id: string;
  name: FieldPathByValue<HouseholdDraftInput, string | undefined>;
  label: string;
  hint?: string;
  /** The longest text the record takes: shown as a live counter under the box. */
  max: number;
  rows: number;
  className?: string;
  /** Turns what was typed into what is stored (e.g. blank text as absent). */
  setValueAs?: (value: unknown) => unknown;
}

/** A free-text box of the household form, with its error and the count of characters typed. */
export function HouseholdTextArea({
  id,
  name,
  label,
  hint,
  max,
  rows,
  className,
  setValueAs,
}: HouseholdTextAreaProps) {
  const { control, register, errorAt } = useHouseholdFields();
  const text = useWatch({ control, name });
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      error={errorAt(name)}
      {...(className ? { className } : {})}
      counter={{ length: text?.length ?? 0, max }}
    >
      {(a11y) => <textarea {...a11y} rows={rows} {...register(name, setValueAs ? { setValueAs } : {})} />}
    </Field>
  );
}
