import { useEffect, useRef } from 'react';
import { FormProvider, useForm, type DefaultValues } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import {
  householdDraftSchema,
  type HouseholdDraft,
  type HouseholdDraftInput,
} from '../../domain/householdDraft';
import { HouseholdFieldset } from './HouseholdFieldset';
import { MembersFieldset } from './MembersFieldset';
import { NeedsFieldset } from './NeedsFieldset';
import { DestinationFieldset } from './DestinationFieldset';
import { ConsentNotesFieldset } from './ConsentNotesFieldset';

interface HouseholdFormProps {
  defaultValues: DefaultValues<HouseholdDraftInput>;
  /** Receives the validated, normalised draft (empty optional texts removed). */
  onSubmit: (draft: HouseholdDraft) => void | Promise<void>;
  submitting?: boolean;
  /** A save error to show beside the button (already translated). */
  submitError?: string | undefined;
  /** Told every change a person makes (not the initial values), e.g. to keep a draft. */
  onValuesChange?: (values: DefaultValues<HouseholdDraftInput>) => void;
}

/**
 * The whole intake form: a household and its members edited as one draft,
 * validated by the same schema the data layer saves with. Knows nothing of the
 * database, so it can be tested and reused for new and existing households.
 */
export function HouseholdForm({
  defaultValues,
  onSubmit,
  submitting = false,
  submitError,
  onValuesChange,
}: HouseholdFormProps) {
  const { t } = useTranslation();
  const form = useForm<HouseholdDraftInput, unknown, HouseholdDraft>({
    resolver: zodResolver(householdDraftSchema),
    defaultValues,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { isSubmitted, isValid } = form.formState;
  const onValuesChangeRef = useRef(onValuesChange);
  onValuesChangeRef.current = onValuesChange;
  useEffect(() => {
    const subscription = form.watch((values) => onValuesChangeRef.current?.(values as DefaultValues<HouseholdDraftInput>));
    return () => subscription.unsubscribe();
  }, [form]);
  const showSummary = isSubmitted && !isValid;

  return (
    <FormProvider {...form}>
      <form
        className="household-form"
        noValidate
        onSubmit={form.handleSubmit(async (draft) => {
          await onSubmit(draft);
        })}
      >
        <HouseholdFieldset />
        <MembersFieldset />
        <NeedsFieldset />
        <DestinationFieldset />
        <ConsentNotesFieldset />
        <div className="form-actions">
          {showSummary ? (
            <p className="form-message form-message--error" role="alert">
              {t('form.fixErrors')}
            </p>
          ) : null}
          {submitError ? (
            <p className="form-message form-message--error" role="alert">
              {submitError}
            </p>
          ) : null}
          <button type="submit" className="button button--primary" disabled={submitting}>
            {submitting ? t('form.saving') : t('form.save')}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
