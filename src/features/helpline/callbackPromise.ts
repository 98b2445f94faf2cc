/**
 * The call-back promise as the agent says it to the caller: in the caller's
 * language when it is one of the interface languages, otherwise in the
 * agent's interface language with a note to translate it.
 */
import i18next from 'i18next';
import { isInterfaceLanguage } from '../../app/i18n';

export interface CallbackPromiseText {
  /** The sentence to tell the caller. */
  text: string;
  /** The language the sentence is in (for `lang`). */
  language: string;
  /** True when the caller's language is not an interface language. */
  translated: boolean;
}

export function callbackPromiseText(
  dueAt: Date,
  callerLanguage: string,
  interfaceLanguage: string,
  timeZone: string,
): CallbackPromiseText {
  const direct = isInterfaceLanguage(callerLanguage);
  const language = direct ? callerLanguage : interfaceLanguage;
  const when = new Intl.DateTimeFormat(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(dueAt);
  const t = i18next.getFixedT(language);
  return { text: t('helpline.promise', { when }), language, translated: !direct };
}
