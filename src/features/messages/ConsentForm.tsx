import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName, languageOptions } from '../../domain/languages';
import { MESSAGE_CHANNELS, toE164, type MessageChannel } from '../../domain/messaging';

export interface ConsentFormProps {
  initial: { phone: string; channel: MessageChannel; language: string } | undefined;
  onSave: (input: { phone: string; channel: MessageChannel; language: string }) => Promise<void>;
  onCancel: () => void;
  /** Fields of the caller's shown first (whose number it is), and their check: a problem to show, or undefined. */
  children?: ReactNode;
  check?: () => string | undefined;
}

/** A family's or a member's consent to messages: the number (checked for its country code), SMS or WhatsApp, the language. */
export function ConsentForm({ initial, onSave, onCancel, children, check }: ConsentFormProps) {
  const { t, i18n } = useTranslation();
  // The family's form and a member's may be open together.
  const id = useId();
  const { common, all } = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [channel, setChannel] = useState<MessageChannel>(initial?.channel ?? 'sms');
  const [language, setLanguage] = useState(initial?.language ?? '');
  const [problem, setProblem] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const theirs = check?.();
    if (theirs) return setProblem(theirs);
    if (!toE164(phone)) return setProblem(t('messages.phoneInvalid'));
    if (!language) return setProblem(t('messages.languageRequired'));
    setProblem(undefined);
    onSave({ phone, channel, language }).catch(() => setProblem(t('messages.saveFailed')));
  };

  return (
    <form className="consent-form" onSubmit={submit} noValidate>
      <p className="field__hint">{t('messages.consentExplain')}</p>
      {children}
      <div className="field">
        <label htmlFor={`${id}-phone`}>{t('messages.phone')}</label>
        <input
          id={`${id}-phone`}
          type="tel"
          dir="ltr"
          autoComplete="off"
          value={phone}
          aria-invalid={problem === t('messages.phoneInvalid') ? true : undefined}
          aria-describedby={`${id}-phone-hint`}
          onChange={(event) => setPhone(event.target.value)}
        />
        <span className="field__hint" id={`${id}-phone-hint`}>
          {t('messages.phoneHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-channel`}>{t('messages.channel')}</label>
        <select
          id={`${id}-channel`}
          value={channel}
          onChange={(event) => setChannel(event.target.value as MessageChannel)}
        >
          {MESSAGE_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`messages.channels.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-language`}>{t('messages.language')}</label>
        <select id={`${id}-language`} value={language} onChange={(event) => setLanguage(event.target.value)}>
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
        </select>
      </div>
      {problem ? (
        <p className="form-message form-message--error" role="alert">
          {problem}
        </p>
      ) : null}
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
