import { useId, useState } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { OVERRIDE_REASON_MIN_LENGTH, type VerificationOverride } from '../../domain/calls';
import { verificationOverrideRequestSchema } from '../../domain/helplineAudit';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { InputField, TextAreaField } from '../../ui/InputField';
import { ApiCallError } from '../../sync/apiClient';
import { useErrorText } from '../intake';
import { useHelpline } from './HelplineProvider';

/** What the supervisor types, checked by the rules the server applies to the request. */
const overrideFormSchema = verificationOverrideRequestSchema.pick({
  username: true,
  password: true,
  reason: true,
});

interface SupervisorOverrideProps {
  callId: string;
  householdId: string;
  personId?: string | undefined;
  /** The approved override, recorded under the supervisor's id. */
  onApproved: (override: VerificationOverride, supervisorName: string) => void;
}

/**
 * A second person opens verification: a case officer or coordinator types
 * their own username and password on the agent's device; the server checks
 * them like a sign-in and records the override under their name.
 */
export function SupervisorOverride({ callId, householdId, personId, onApproved }: SupervisorOverrideProps) {
  const { t } = useTranslation();
  const { requestOverride } = useHelpline();
  const baseId = useId();
  const [open, setOpen] = useState(false);
  const errorText = useErrorText();
  const {
    register,
    handleSubmit,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(overrideFormSchema),
    defaultValues: { username: '', password: '', reason: '' },
  });
  const [failure, setFailure] = useState<string | undefined>();

  if (!open) {
    return (
      <button type="button" className="button button--quiet" onClick={() => setOpen(true)}>
        {t('verification.override')}
      </button>
    );
  }

  const failureText = (error: unknown): string => {
    if (!(error instanceof ApiCallError) || error.status === 0) return t('verification.overrideOffline');
    if (error.code === 'invalid_credentials') return t('verification.overrideWrongPassword');
    if (error.code === 'locked' || error.code === 'rate_limited') return t('verification.overrideLocked');
    if (error.status === 403) return t('verification.overrideNotSupervisor');
    return t('verification.overrideFailed');
  };

  /** Too short is "missing" in the words of the field; anything else in the common words. */
  const fieldError = (error: FieldError | undefined, missing: string) =>
    error?.type === 'too_small' ? missing : errorText(error);

  const submit = handleSubmit(async ({ username, password, reason }) => {
    setFailure(undefined);
    try {
      const approval = await requestOverride({
        callId,
        householdId,
        ...(personId ? { personId } : {}),
        username,
        password,
        reason,
      });
      onApproved({ by: approval.approvedBy, reason, at: approval.at }, approval.approvedByName);
    } catch (error) {
      setFailure(failureText(error));
    } finally {
      // The supervisor's password never outlives the attempt on this screen.
      setValue('password', '');
    }
  });

  return (
    // Not a <form>: it sits inside the call's form, and Enter here must not save the call.
    <div className="subsection" role="group" aria-label={t('verification.override')}>
      <p className="field__hint">{t('verification.overrideIntro')}</p>
      <InputField
        id={`${baseId}-user`}
        label={t('verification.supervisorUsername')}
        error={fieldError(errors.username, t('helpline.errors.required'))}
        autoComplete="off"
        autoCapitalize="none"
        {...register('username')}
      />
      <InputField
        id={`${baseId}-password`}
        label={t('verification.supervisorPassword')}
        error={fieldError(errors.password, t('helpline.errors.required'))}
        type="password"
        autoComplete="off"
        {...register('password')}
      />
      <TextAreaField
        id={`${baseId}-reason`}
        label={t('verification.overrideReason')}
        hint={t('verification.overrideHint')}
        error={fieldError(
          errors.reason,
          t('verification.reasonRequired', { min: OVERRIDE_REASON_MIN_LENGTH }),
        )}
        rows={2}
        maxLength={500}
        {...register('reason')}
      />
      <FormMessage message={failureMessage(failure)} />
      <button
        type="button"
        className="button button--danger"
        disabled={isSubmitting}
        onClick={() => void submit()}
      >
        {t('verification.recordOverride')}
      </button>
    </div>
  );
}
