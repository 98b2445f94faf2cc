import type { ComponentPropsWithRef } from 'react';

interface CheckboxFieldProps extends Omit<ComponentPropsWithRef<'input'>, 'type'> {
  id: string;
  label: string;
}

/** A checkbox with its label as one large touch target. */
export function CheckboxField({ id, label, className, ...input }: CheckboxFieldProps) {
  return (
    <label className={['checkbox', className ?? ''].join(' ').trim()} htmlFor={id}>
      <input type="checkbox" id={id} {...input} />
      <span>{label}</span>
    </label>
  );
}
