/**
 * The words of messages to families: a template per message kind and
 * language, built in for the interface's five languages, which an
 * administrator may replace or add to per site (any ISO 639 language). The
 * admin screen and the server check templates the same way: each placeholder
 * of its kind is there once, no other is, and it fits in an SMS-sized body.
 * A family whose language has no template gets English, and staff are told.
 *
 * Also here: the replies that withdraw consent (STOP and its equivalents).
 */
import { z } from 'zod';
import { isKnownLanguage } from './languages';
import { MESSAGE_KINDS, type MessageKind } from './messaging';

export const MESSAGE_PLACEHOLDERS: Record<MessageKind, readonly string[]> = {
  hearing: ['date', 'time', 'place'],
  ice_checkin: ['date', 'time', 'place'],
  departure: ['date', 'time', 'station', 'reference'],
  // The promised time (promise, late) or the time of the call-back (kept).
  callback_promise: ['date', 'time'],
  callback_kept: ['date', 'time'],
  callback_late: ['date', 'time'],
};

/** Two SMS segments of Unicode text, with room for the values. */
export const MESSAGE_TEMPLATE_MAX_LENGTH = 280;
export const MESSAGE_TEMPLATES_MAX_LANGUAGES = 40;

export const DEFAULT_MESSAGE_TEMPLATES: Record<MessageKind, Record<string, string>> = {
  hearing: {
    en: 'Reminder: your court hearing is on {{date}} at {{time}}, {{place}}. Please arrive early. Reply STOP to stop messages.',
    es: 'Recordatorio: su audiencia en la corte es el {{date}} a las {{time}}, {{place}}. Llegue temprano. Responda ALTO para no recibir mensajes.',
    fr: 'Rappel : votre audience au tribunal a lieu le {{date}} à {{time}}, {{place}}. Arrivez en avance. Répondez STOP pour ne plus recevoir de messages.',
    ar: 'تذكير: جلسة المحكمة الخاصة بكم يوم {{date}} الساعة {{time}}، {{place}}. يرجى الحضور مبكرًا. أرسلوا توقف لإيقاف الرسائل.',
    sw: 'Kumbusho: usikilizaji wa kesi yako mahakamani ni tarehe {{date}} saa {{time}}, {{place}}. Tafadhali fika mapema. Jibu ACHA kusitisha ujumbe.',
  },
  ice_checkin: {
    en: 'Reminder: your ICE check-in is on {{date}} at {{time}}, {{place}}. Bring your papers. Reply STOP to stop messages.',
    es: 'Recordatorio: su cita de control con ICE es el {{date}} a las {{time}}, {{place}}. Traiga sus documentos. Responda ALTO para no recibir mensajes.',
    fr: "Rappel : votre rendez-vous de contrôle ICE a lieu le {{date}} à {{time}}, {{place}}. Apportez vos papiers. Répondez STOP pour ne plus recevoir de messages.",
    ar: 'تذكير: موعد المراجعة لدى إدارة الهجرة (ICE) يوم {{date}} الساعة {{time}}، {{place}}. أحضروا أوراقكم. أرسلوا توقف لإيقاف الرسائل.',
    sw: 'Kumbusho: kuripoti kwako kwa ICE ni tarehe {{date}} saa {{time}}, {{place}}. Leta nyaraka zako. Jibu ACHA kusitisha ujumbe.',
  },
  departure: {
    en: 'Your trip leaves tomorrow, {{date}} at {{time}}, from {{station}}. Ticket: {{reference}}. Reply STOP to stop messages.',
    es: 'Su viaje sale mañana, {{date}} a las {{time}}, desde {{station}}. Boleto: {{reference}}. Responda ALTO para no recibir mensajes.',
    fr: 'Votre voyage part demain, le {{date}} à {{time}}, de {{station}}. Billet : {{reference}}. Répondez STOP pour ne plus recevoir de messages.',
    ar: 'رحلتكم تغادر غدًا، {{date}} الساعة {{time}}، من {{station}}. التذكرة: {{reference}}. أرسلوا توقف لإيقاف الرسائل.',
    sw: 'Safari yako inaondoka kesho, {{date}} saa {{time}}, kutoka {{station}}. Tiketi: {{reference}}. Jibu ACHA kusitisha ujumbe.',
  },
  callback_promise: {
    en: 'Helpline: we will call you back by {{date}} at {{time}}. Reply STOP to stop messages.',
    es: 'Línea de ayuda: le devolveremos la llamada a más tardar el {{date}} a las {{time}}. Responda ALTO para no recibir mensajes.',
    fr: "Ligne d'assistance : nous vous rappellerons au plus tard le {{date}} à {{time}}. Répondez STOP pour ne plus recevoir de messages.",
    ar: 'خط المساعدة: سنعاود الاتصال بكم في موعد أقصاه {{date}} الساعة {{time}}. أرسلوا توقف لإيقاف الرسائل.',
    sw: 'Simu ya msaada: tutakupigia tena kabla ya {{date}} saa {{time}}. Jibu ACHA kusitisha ujumbe.',
  },
  callback_kept: {
    en: 'Helpline: we called you back on {{date}} at {{time}}, as we promised. If we did not reach you, we will try again. Reply STOP to stop messages.',
    es: 'Línea de ayuda: le devolvimos la llamada el {{date}} a las {{time}}, como prometimos. Si no logramos hablar con usted, volveremos a intentarlo. Responda ALTO para no recibir mensajes.',
    fr: "Ligne d'assistance : nous vous avons rappelé le {{date}} à {{time}}, comme promis. Si nous ne vous avons pas joint, nous réessaierons. Répondez STOP pour ne plus recevoir de messages.",
    ar: 'خط المساعدة: اتصلنا بكم يوم {{date}} الساعة {{time}} كما وعدنا. إن لم نتمكن من الوصول إليكم فسنحاول مرة أخرى. أرسلوا توقف لإيقاف الرسائل.',
    sw: 'Simu ya msaada: tulikupigia tena tarehe {{date}} saa {{time}}, kama tulivyoahidi. Kama hatukukupata, tutajaribu tena. Jibu ACHA kusitisha ujumbe.',
  },
  callback_late: {
    en: 'Helpline: we promised to call you back by {{date}} at {{time}} and have not yet. We are sorry; we will call you as soon as we can. Reply STOP to stop messages.',
    es: 'Línea de ayuda: prometimos devolverle la llamada a más tardar el {{date}} a las {{time}} y aún no lo hemos hecho. Lo sentimos; le llamaremos lo antes posible. Responda ALTO para no recibir mensajes.',
    fr: "Ligne d'assistance : nous avions promis de vous rappeler au plus tard le {{date}} à {{time}} et ne l'avons pas encore fait. Toutes nos excuses ; nous vous appellerons dès que possible. Répondez STOP pour ne plus recevoir de messages.",
    ar: 'خط المساعدة: وعدناكم بمعاودة الاتصال في موعد أقصاه {{date}} الساعة {{time}} ولم نفعل بعد. نعتذر، وسنتصل بكم في أقرب وقت ممكن. أرسلوا توقف لإيقاف الرسائل.',
    sw: 'Simu ya msaada: tuliahidi kukupigia tena kabla ya {{date}} saa {{time}} na bado hatujafanya hivyo. Samahani; tutakupigia haraka iwezekanavyo. Jibu ACHA kusitisha ujumbe.',
  },
};

export type MessageTemplateProblem =
  | { kind: 'empty' }
  | { kind: 'too_long'; max: number }
  | { kind: 'missing_placeholder'; placeholder: string }
  | { kind: 'repeated_placeholder'; placeholder: string }
  | { kind: 'unknown_placeholder'; placeholder: string }
  | { kind: 'stray_braces' };

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Everything wrong with a template of `kind`; empty when it can be used. */
export function messageTemplateProblems(kind: MessageKind, template: string): MessageTemplateProblem[] {
  const text = template.trim();
  if (text === '') return [{ kind: 'empty' }];
  const problems: MessageTemplateProblem[] = [];
  if (text.length > MESSAGE_TEMPLATE_MAX_LENGTH) problems.push({ kind: 'too_long', max: MESSAGE_TEMPLATE_MAX_LENGTH });
  const allowed = MESSAGE_PLACEHOLDERS[kind];
  const seen = new Map<string, number>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!allowed.includes(name)) problems.push({ kind: 'unknown_placeholder', placeholder: match[0] });
    else seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  for (const name of allowed) {
    const count = seen.get(name) ?? 0;
    if (count === 0) problems.push({ kind: 'missing_placeholder', placeholder: `{{${name}}}` });
    if (count > 1) problems.push({ kind: 'repeated_placeholder', placeholder: `{{${name}}}` });
  }
  if (/[{}]/.test(text.replace(PLACEHOLDER, ''))) problems.push({ kind: 'stray_braces' });
  return problems;
}

function templateOf(kind: MessageKind) {
  return z
    .string()
    .trim()
    .superRefine((template, ctx) => {
      for (const problem of messageTemplateProblems(kind, template)) {
        ctx.addIssue({ code: 'custom', message: 'placeholder' in problem ? `${problem.kind} ${problem.placeholder}` : problem.kind });
      }
    });
}

function templatesOf(kind: MessageKind) {
  return z
    .record(z.string().refine(isKnownLanguage, { message: 'unknown_language' }), templateOf(kind))
    .refine((templates) => Object.keys(templates).length <= MESSAGE_TEMPLATES_MAX_LANGUAGES, { message: 'too_many' });
}

/** A site's own templates: kind → language → template (overriding the built-in ones). */
export const siteMessageTemplatesSchema = z
  .object({
    hearing: templatesOf('hearing'),
    ice_checkin: templatesOf('ice_checkin'),
    departure: templatesOf('departure'),
    callback_promise: templatesOf('callback_promise'),
    callback_kept: templatesOf('callback_kept'),
    callback_late: templatesOf('callback_late'),
  })
  .partial()
  .strict();
export type SiteMessageTemplates = z.infer<typeof siteMessageTemplatesSchema>;

export interface ChosenTemplate {
  template: string;
  /** The language the message is written in. */
  language: string;
  /** True when the family's language had no template and English is used. */
  fallback: boolean;
}

/** The template for a family's language: the site's, else the built-in one, else English (marked as a fallback). */
export function chooseTemplate(kind: MessageKind, language: string, site: SiteMessageTemplates = {}): ChosenTemplate {
  const own = site[kind]?.[language] ?? DEFAULT_MESSAGE_TEMPLATES[kind][language];
  if (own !== undefined) return { template: own, language, fallback: false };
  const english = site[kind]?.en ?? DEFAULT_MESSAGE_TEMPLATES[kind].en ?? '';
  return { template: english, language: 'en', fallback: language !== 'en' };
}

/** The template with its placeholders filled (an unknown placeholder is left as written). */
export function fillMessageTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.trim().replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** Languages the built-in templates cover (the interface's). */
export const BUILT_IN_TEMPLATE_LANGUAGES = Object.keys(DEFAULT_MESSAGE_TEMPLATES.hearing);

export { MESSAGE_KINDS };

/**
 * Replies that withdraw consent, in the interface's languages (compared
 * without case, accents or punctuation). The carriers' own English keywords
 * are included because a family may have seen them anywhere.
 */
const STOP_WORDS = new Set([
  // en (carrier keywords)
  'stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'optout',
  // es
  'alto', 'parar', 'para', 'baja', 'detener', 'cancelar',
  // fr
  'arret', 'arreter', 'desabonner', 'desinscrire',
  // ar
  'توقف', 'قف', 'ايقاف', 'الغاء', 'الغاء الاشتراك',
  // sw
  'acha', 'sitisha', 'simama', 'komesha',
]);

function normaliseReply(text: string): string {
  return text
    .normalize('NFKD')
    // Accents and Arabic diacritics go; hamza forms of alef read as bare alef, and tatweel goes.
    .replace(/\p{M}/gu, '')
    .replace(/[\u0622\u0623\u0625]/g, '\u0627')
    .replace(/\u0640/g, '')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when an inbound reply asks for no more messages. */
export function isStopReply(text: string): boolean {
  const normalised = normaliseReply(text);
  return STOP_WORDS.has(normalised) || STOP_WORDS.has(normalised.replace(/ /g, ''));
}
