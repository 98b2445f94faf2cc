import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName } from '../../domain/languages';
import { MESSAGE_CHANNELS, type MessageChannel } from '../../domain/messaging';
import { chooseTemplate } from '../../domain/messageTemplates';
import { useMessageSettings } from '../messages';

export interface CallerMessagesChoice {
  asked: boolean;
  channel: MessageChannel;
}

interface CallerMessagesConsentProps {
  value: CallerMessagesChoice;
  /** The caller's number in E.164, or undefined when none valid was entered. */
  phone: string | undefined;
  callerLanguage: string;
  siteId: string;
  error?: string | undefined;
  onChange: (next: CallerMessagesChoice) => void;
}

/**
 * At escalation: whether the caller asks for the call-back promise by SMS or
 * WhatsApp (then a note when the call-back is made or late), to the number
 * and in the language of the call. Staff see when the messages would go in
 * English for lack of a template in the caller's language, and when the site
 * has not switched these messages on.
 */
export function CallerMessagesConsent({ value, phone, callerLanguage, siteId, error, onChange }: CallerMessagesConsentProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const settings = useMessageSettings(siteId);
  const chosen = callerLanguage ? chooseTemplate('callback_promise', callerLanguage, settings?.templates) : undefined;
  return (
    <fieldset className="form-section">
      <legend>{t('helpline.callerMessages.legend')}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={value.asked} onChange={(event) => onChange({ ...value, asked: event.target.checked })} />{' '}
        {t('helpline.callerMessages.ask')}
      </label>
      {value.asked ? (
        <>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-channel`}>
              {t('messages.channel')}
            </label>
            <select
              id={`${id}-channel`}
              value={value.channel}
              onChange={(event) => onChange({ ...value, channel: event.target.value as MessageChannel })}
            >
              {MESSAGE_CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {t(`messages.channels.${channel}`)}
                </option>
              ))}
            </select>
          </div>
          {phone && callerLanguage ? (
            <p>
              {t('helpline.callerMessages.to', {
                phone,
                language: languageName(callerLanguage, i18n.language),
              })}
            </p>
          ) : null}
          {chosen?.fallback ? (
            <p className="form-message" role="note">
              {t('helpline.callerMessages.fallback', { language: languageName(callerLanguage, i18n.language) })}
            </p>
          ) : null}
          {settings && !settings.switches.callback_promise ? (
            <p className="form-message" role="note">
              {t('helpline.callerMessages.switchedOff')}
            </p>
          ) : null}
          {error ? <p className="field__error">{error}</p> : null}
        </>
      ) : null}
    </fieldset>
  );
}
