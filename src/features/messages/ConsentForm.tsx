import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { languageName, languageOptions } from '../../domain/languages';
import {
  MESSAGE_CHANNELS,
  messagingConsentSchema,
  toE164,
  type MessageChannel,
} from '../../domain/messaging';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { InputField, SelectField } from '../../ui/InputField';

export interface ConsentFormProps {
  initial: { phone: string; channel: MessageChannel; language: string } | undefined;
  onSave: (input: { phone: string; channel: MessageChannel; language: string }) => Promise<void>;
  onCancel: () => void;
  /** Fields of the caller's shown first (whose number it is), and their check: a problem to show, or undefined. */
  children?: ReactNode;
  check?: () => string | undefined;
}

/**
 * The consent's own rules for its channel and language; the number as typed, with spaces, must be one the
 * consent can hold once written in E.164 (the save writes it so).
 */
const consentFormSchema = z.object({
  phone: z.string().refine((typed) => toE164(typed) !== undefined),
  channel: messagingConsentSchema.shape.channel,
  language: messagingConsentSchema.shape.language,
});

/** A family's or a member's consent to messages: the number (checked for its country code), SMS or WhatsApp, the language. */
export function ConsentForm({ initial, onSave, onCancel, children, check }: ConsentFormProps) {
  const { t, i18n } = useTranslation();
  // The family's form and a member's may be open together.
  const id = useId();
  const { common, all } = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm({
    resolver: zodResolver(consentFormSchema),
    defaultValues: {
      phone: initial?.phone ?? '',
      channel: initial?.channel ?? 'sms',
      language: initial?.language ?? '',
    },
  });
  /** The caller's own check (whose number it is), or why the save failed. */
  const [problem, setProblem] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    const theirs = check?.();
    setProblem(theirs);
    void handleSubmit((values) => {
      if (theirs) return;
      onSave(values).catch(() => setProblem(t('messages.saveFailed')));
    })(event);
  };

  return (
    <form className="consent-form" onSubmit={submit} noValidate>
      <p className="field__hint">{t('messages.consentExplain')}</p>
      {children}
      <InputField
        id={`${id}-phone`}
        label={t('messages.phone')}
        hint={t('messages.phoneHint')}
        error={errors.phone ? t('messages.phoneInvalid') : undefined}
        announceError
        type="tel"
        dir="ltr"
        autoComplete="off"
        {...register('phone')}
      />
      <SelectField id={`${id}-channel`} label={t('messages.channel')} {...register('channel')}>
        {MESSAGE_CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`messages.channels.${c}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={`${id}-language`}
        label={t('messages.language')}
        error={errors.language ? t('messages.languageRequired') : undefined}
        announceError
        {...register('language')}
      >
        <option value="">{t('form.choose')}</option>
        <optgroup label={t('form.commonChoices')}>
          {['en', ...common.map((o) => o.code).filter((c) => c !== 'en')].map((code) => (
            <option key={code} value={code}>
              {languageName(code, i18n.language)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('form.allLanguages')}>
          {all.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name}
            </option>
          ))}
        </optgroup>
      </SelectField>
      <FormMessage message={failureMessage(problem)} />
      <p>
        <button type="submit" className="button button--primary">
          {t('messages.saveConsent')}
        </button>{' '}
        <button type="button" className="button" onClick={onCancel}>
          {t('messages.cancelEdit')}
        </button>
      </p>
    </form>
  );
}
