import { useId } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { languageName } from '../../domain/languages';
import { MESSAGE_CHANNELS } from '../../domain/messaging';
import { chooseTemplate } from '../../domain/messageTemplates';
import { CheckboxField } from '../../ui/CheckboxField';
import { SelectField } from '../../ui/InputField';
import { useMessageSettings } from '../messages';
import { messagesPhoneOf, useCallFieldError, type CallFormValues } from './callForm';
import { useHelpline } from './HelplineProvider';

/**
 * At escalation: whether the caller asks for the call-back promise by SMS or
 * WhatsApp (then a note when the call-back is made or late), to the number
 * and in the language of the call. Staff see when the messages would go in
 * English for lack of a template in the caller's language, and when the site
 * has not switched these messages on.
 */
export function CallerMessagesConsent({ siteId }: { siteId: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { config } = useHelpline();
  const { register, control } = useFormContext<CallFormValues>();
  const [asked, typedPhone, callerLanguage] = useWatch({
    control,
    name: ['messagesAsked', 'phone', 'callerLanguage'],
  });
  const phone = messagesPhoneOf(typedPhone, config.defaultRegion);
  const error = useCallFieldError()('messagesAsked');
  const settings = useMessageSettings(siteId);
  const chosen = callerLanguage
    ? chooseTemplate('callback_promise', callerLanguage, settings?.templates)
    : undefined;
  return (
    <fieldset className="form-section">
      <legend>{t('helpline.callerMessages.legend')}</legend>
      <CheckboxField
        id={`${id}-asked`}
        label={t('helpline.callerMessages.ask')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...register('messagesAsked')}
      />
      {asked ? (
        <>
          <SelectField id={`${id}-channel`} label={t('messages.channel')} {...register('messagesChannel')}>
            {MESSAGE_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`messages.channels.${channel}`)}
              </option>
            ))}
          </SelectField>
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
              {t('helpline.callerMessages.fallback', {
                language: languageName(callerLanguage, i18n.language),
              })}
            </p>
          ) : null}
          {settings && !settings.switches.callback_promise ? (
            <p className="form-message" role="note">
              {t('helpline.callerMessages.switchedOff')}
            </p>
          ) : null}
        </>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
