/**
 * The helpline's settings. Units and their promised call-back times come
 * from the server's directory (administrators manage them); these are the
 * office's working hours, the default phone region, the verification
 * questions, and the units offered when the directory has never been
 * reached on this device.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { CallbackPromise, CallbackPromiseUnit, OfficeHours } from '../../domain/callbackDue';
import { DEFAULT_OFFICE_HOURS } from '../../domain/officeHours';
import type { PromiseTemplates } from '../../domain/promiseTemplates';
import { DEFAULT_VERIFICATION_CONFIG, type VerificationConfig } from '../../domain/verification';

export interface HelplineUnit {
  id: string;
  name: string;
  /** The promise's amount, read in `callbackBasis` (absent: working hours, as before). */
  callbackHours: number;
  callbackBasis?: CallbackPromiseUnit;
  /** The office hours of the unit's site, when an administrator set them; else the config's. */
  officeHours?: OfficeHours;
  /** The unit's site's call-back promise in languages the interface lacks (language → sentence with {{due}}). */
  promiseTemplates?: PromiseTemplates;
}

/** What a unit promises. */
export function promiseOf(unit: HelplineUnit): CallbackPromise {
  return { amount: unit.callbackHours, unit: unit.callbackBasis ?? 'working_hours' };
}

/** The office hours a unit's call-backs are counted in. */
export function officeHoursOf(unit: HelplineUnit | undefined, config: HelplineConfig): OfficeHours {
  return unit?.officeHours ?? config.officeHours;
}

export interface HelplineConfig {
  /** Region for numbers dialled without a country code. */
  defaultRegion: CountryCode;
  officeHours: OfficeHours;
  verification: VerificationConfig;
  /** Offered when the directory is unavailable; an administrator's units replace them. */
  fallbackUnits: HelplineUnit[];
}

export const DEFAULT_HELPLINE_CONFIG: HelplineConfig = {
  defaultRegion: 'KE',
  officeHours: DEFAULT_OFFICE_HOURS,
  verification: DEFAULT_VERIFICATION_CONFIG,
  fallbackUnits: [
    { id: 'rsd', name: 'Refugee status determination', callbackHours: 48 },
    { id: 'resettlement', name: 'Resettlement', callbackHours: 72 },
    { id: 'protection', name: 'Protection delivery', callbackHours: 24 },
    { id: 'data', name: 'Data management', callbackHours: 48 },
  ],
};

/** Voicemails are called back by the helpline itself, on this clock. */
export const VOICEMAIL_CALLBACK_HOURS = 4;
