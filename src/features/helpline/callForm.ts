/**
 * The call log's form: its values, the rules they are checked by (the call's
 * own schema, and what one answer asks of another), and each problem in
 * words. The fieldsets read it through react-hook-form's context.
 */
import { useFormContext, useFormState } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import { callSchema, parseCallerPhone } from '../../domain/calls';
import { messagingConsentSchema, toE164, type MessageChannel } from '../../domain/messaging';
import type { TranslationKey } from '../../app/translationKeys';
import { useErrorText } from '../intake';

export const OUTCOME_CHOICES = ['resolved_on_call', 'escalated', 'voicemail_followup'] as const;
export type OutcomeChoice = (typeof OUTCOME_CHOICES)[number];

export interface CallFormValues {
  phone: string;
  callerLanguage: string;
  /** Empty until chosen. */
  category: string;
  summary: string;
  outcome: OutcomeChoice;
  unitId: string;
  focalPointId: string;
  /** At escalation: the caller asks for the call-back promise by message. */
  messagesAsked: boolean;
  messagesChannel: MessageChannel;
}

export const EMPTY_CALL: CallFormValues = {
  phone: '',
  callerLanguage: '',
  category: '',
  summary: '',
  outcome: 'resolved_on_call',
  unitId: '',
  focalPointId: '',
  messagesAsked: false,
  messagesChannel: 'sms',
};

/** The number as typed, parsed in the helpline's region; undefined when withheld (left empty). */
export function callerPhoneOf(typed: string, region: CountryCode) {
  return typed.trim() ? parseCallerPhone(typed, region) : undefined;
}

/** The number that messages would go to (E.164), or undefined when none that can receive them was typed. */
export function messagesPhoneOf(typed: string, region: CountryCode): string | undefined {
  const phone = callerPhoneOf(typed, region);
  return phone?.ok ? toE164(phone.e164) : undefined;
}

// Checked whatever else is wrong, so the agent sees every problem at once.
const always = { when: () => true };

/** The call's own rules for its fields, and what the outcome asks of the rest. */
export function callFormSchema(region: CountryCode, unitIds: readonly string[]) {
  return z
    .object({
      phone: z.string(),
      callerLanguage: z.string().pipe(callSchema.shape.callerLanguage),
      category: z.string().pipe(callSchema.shape.category),
      summary: callSchema.shape.summary,
      outcome: z.enum(OUTCOME_CHOICES),
      unitId: z.string(),
      focalPointId: z.string(),
      messagesAsked: z.boolean(),
      messagesChannel: messagingConsentSchema.shape.channel,
    })
    .refine((call) => callerPhoneOf(call.phone, region)?.ok !== false, {
      path: ['phone'],
      message: 'phone',
      ...always,
    })
    .refine((call) => call.outcome !== 'escalated' || unitIds.includes(call.unitId), {
      path: ['unitId'],
      message: 'unit',
      ...always,
    })
    .refine(
      (call) =>
        call.outcome !== 'escalated' ||
        !call.messagesAsked ||
        messagesPhoneOf(call.phone, region) !== undefined,
      { path: ['messagesAsked'], message: 'phoneNeeded', ...always },
    );
}

const OWN_WORDS: Readonly<Record<string, TranslationKey>> = {
  phone: 'helpline.errors.phone',
  unit: 'helpline.errors.unit',
  phoneNeeded: 'helpline.callerMessages.phoneNeeded',
};

/** A field's problem in words: its own sentence, a limit with its number, else "Required." */
export function useCallFieldError(): (name: keyof CallFormValues) => string | undefined {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { errors } = useFormState({ control: useFormContext<CallFormValues>().control });
  return (name) => {
    const error = errors[name];
    if (!error) return undefined;
    const own = error.message ? OWN_WORDS[error.message] : undefined;
    if (own) return t(own);
    if (error.type === 'too_big') return errorText(error);
    return t('helpline.errors.required');
  };
}
