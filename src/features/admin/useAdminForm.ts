import { useState } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type DefaultValues, type FieldValues, type SubmitErrorHandler } from 'react-hook-form';
import type { z } from 'zod';
import type { FormMessageValue } from '../../ui/FormMessage';
import { useApiErrorText } from './useApiErrorText';

/**
 * An administration form: react-hook-form, checked by the schema the server
 * applies before anything is sent, and one way to save that says how it went
 * (a success in the form's words, a refusal in the server's).
 */
export function useAdminForm<Input extends FieldValues, Output>(
  schema: z.ZodType<Output, Input>,
  defaultValues: DefaultValues<Input>,
) {
  const errorText = useApiErrorText();
  const [message, setMessage] = useState<FormMessageValue>();
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(schema),
    defaultValues,
    // As the server does: fields are judged when the person saves, not while they type.
    reValidateMode: 'onSubmit',
  });

  /** Submits with `save`; the text it returns (if any) is shown as the outcome. */
  const submitWith = (
    save: (values: Output) => Promise<string | undefined>,
    onInvalid?: SubmitErrorHandler<Input>,
  ) =>
    form.handleSubmit(async (values) => {
      try {
        const done = await save(values);
        if (done !== undefined) setMessage({ ok: true, text: done });
      } catch (error) {
        setMessage({ ok: false, text: errorText(error) });
      }
    }, onInvalid);

  const invalid = new Set(Object.keys(form.formState.errors));
  return { ...form, invalid, message, setMessage, submitWith };
}
