/**
 * The call-back promise as the agent says it to the caller, with the due
 * time in the site's time zone:
 *  - in the caller's language when the interface has it (en, es, fr, ar, sw);
 *  - else in the sentence an administrator wrote for that language (a
 *    template with {{due}}, kept on the device with the directory);
 *  - else in English, and the agent is told no translation exists yet.
 */
import i18next from 'i18next';
import { isInterfaceLanguage } from '../../app/i18n';
import { formatDayAndTime } from '../../ui/dates';
import { fillPromiseTemplate, type PromiseTemplates } from '../../domain/promiseTemplates';

export type CallbackPromiseSource = 'interface' | 'template' | 'untranslated';

export interface CallbackPromiseText {
  /** The sentence to tell the caller. */
  text: string;
  /** The language the sentence is in (for `lang`). */
  language: string;
  source: CallbackPromiseSource;
}

/** The locale Intl can format in: the caller's, else English (a browser may lack, say, Dinka). */
function formattingLocale(language: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0 ? language : 'en';
  } catch {
    return 'en';
  }
}

export function callbackPromiseText(
  dueAt: Date,
  callerLanguage: string,
  timeZone: string,
  templates: PromiseTemplates = {},
): CallbackPromiseText {
  if (isInterfaceLanguage(callerLanguage)) {
    const when = formatDayAndTime(dueAt, callerLanguage, { timeZone });
    return { text: i18next.getFixedT(callerLanguage)('helpline.promise', { when }), language: callerLanguage, source: 'interface' };
  }
  const template = templates[callerLanguage];
  if (template) {
    const due = formatDayAndTime(dueAt, formattingLocale(callerLanguage), { timeZone });
    return { text: fillPromiseTemplate(template, due), language: callerLanguage, source: 'template' };
  }
  const when = formatDayAndTime(dueAt, 'en', { timeZone });
  return { text: i18next.getFixedT('en')('helpline.promise', { when }), language: 'en', source: 'untranslated' };
}
