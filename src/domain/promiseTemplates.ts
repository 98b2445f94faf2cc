/**
 * The call-back promise for caller languages the interface is not translated
 * into (Somali, Amharic, Tigrinya…): a sentence an administrator writes per
 * site, with {{due}} where the call-back time goes. Checked the same way on
 * the admin screen and by the server: the placeholder must be there, no other
 * placeholder may be, and the sentence is short enough to say on a call.
 */
import { z } from 'zod';
import { isKnownLanguage } from './languages';

export const PROMISE_DUE_PLACEHOLDER = '{{due}}';
export const PROMISE_TEMPLATE_MAX_LENGTH = 300;
/** More than the helpline's languages, far fewer than a payload could hold. */
export const PROMISE_TEMPLATES_MAX_COUNT = 40;

export type PromiseTemplateProblem =
  | { kind: 'empty' }
  | { kind: 'too_long'; max: number }
  | { kind: 'missing_due' }
  | { kind: 'repeated_due' }
  | { kind: 'unknown_placeholder'; placeholder: string }
  | { kind: 'stray_braces' };

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Everything wrong with a template; empty when it can be used. */
export function promiseTemplateProblems(template: string): PromiseTemplateProblem[] {
  const text = template.trim();
  if (text === '') return [{ kind: 'empty' }];
  const problems: PromiseTemplateProblem[] = [];
  if (text.length > PROMISE_TEMPLATE_MAX_LENGTH) problems.push({ kind: 'too_long', max: PROMISE_TEMPLATE_MAX_LENGTH });
  let dues = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (name === 'due') dues += 1;
    else problems.push({ kind: 'unknown_placeholder', placeholder: match[0] });
  }
  if (dues === 0) problems.push({ kind: 'missing_due' });
  if (dues > 1) problems.push({ kind: 'repeated_due' });
  // A brace left once the placeholders are out is a typo ("{{due}" or "{due}") the caller would hear.
  if (/[{}]/.test(text.replace(PLACEHOLDER, ''))) problems.push({ kind: 'stray_braces' });
  return problems;
}

export const promiseTemplateSchema = z
  .string()
  .trim()
  .superRefine((template, ctx) => {
    for (const problem of promiseTemplateProblems(template)) ctx.addIssue({ code: 'custom', message: problem.kind });
  });

/** Caller language code → template. */
export const promiseTemplatesSchema = z
  .record(
    z.string().refine(isKnownLanguage, { message: 'unknown_language' }),
    promiseTemplateSchema,
  )
  .refine((templates) => Object.keys(templates).length <= PROMISE_TEMPLATES_MAX_COUNT, { message: 'too_many' });
export type PromiseTemplates = z.infer<typeof promiseTemplatesSchema>;

/** The sentence to say: the template with the due time in place of {{due}}. */
export function fillPromiseTemplate(template: string, due: string): string {
  return template.trim().replace(PLACEHOLDER, (whole, name: string) => (name === 'due' ? due : whole));
}
