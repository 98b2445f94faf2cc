/**
 * The helpline's settings. Units and their promised call-back times come
 * from the server's directory (administrators manage them); these are the
 * office's working hours, the default phone region, the verification
 * questions, and the units offered when the directory has never been
 * reached on this device.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { CallbackPromise, CallbackPromiseUnit, OfficeHours } from '../../domain/callbackDue';
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

const WEEKDAY_8_TO_5 = { start: '08:00', end: '17:00' };

export const DEFAULT_HELPLINE_CONFIG: HelplineConfig = {
  defaultRegion: 'KE',
  officeHours: {
    timeZone: 'Africa/Nairobi',
    days: {
      '1': WEEKDAY_8_TO_5,
      '2': WEEKDAY_8_TO_5,
      '3': WEEKDAY_8_TO_5,
      '4': WEEKDAY_8_TO_5,
      '5': WEEKDAY_8_TO_5,
    },
    // Kenyan public holidays (fixed and announced dates) for 2025–2026.
    holidays: [
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-05-01',
      '2025-06-02',
      '2025-10-10',
      '2025-10-20',
      '2025-12-12',
      '2025-12-25',
      '2025-12-26',
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-06-01',
      '2026-10-10',
      '2026-10-20',
      '2026-12-12',
      '2026-12-25',
      '2026-12-26',
    ],
  },
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
