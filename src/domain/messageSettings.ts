/**
 * A site's messaging settings, set by an administrator: which kinds of
 * message are sent (all off until switched on), the site's own templates, the
 * time zone dates and times are written in, and how many messages the site
 * may send a minute.
 */
import { z } from 'zod';
import { MESSAGES_OFF, type MessageSwitches } from './messaging';
import { siteMessageTemplatesSchema } from './messageTemplates';

export const DEFAULT_RATE_PER_MINUTE = 30;
export const MAX_RATE_PER_MINUTE = 600;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const messageSwitchesSchema = z
  .object({
    hearing: z.boolean(),
    ice_checkin: z.boolean(),
    departure: z.boolean(),
    // Added later: settings stored (or sent by a device) before they existed read as off.
    callback_promise: z.boolean().default(false),
    callback_kept: z.boolean().default(false),
    callback_late: z.boolean().default(false),
  })
  .strict();

export const messageSettingsSchema = z
  .object({
    switches: messageSwitchesSchema,
    templates: siteMessageTemplatesSchema,
    timeZone: z.string().min(1).max(64).refine(isTimeZone, { message: 'unknown_time_zone' }),
    ratePerMinute: z.number().int().min(1).max(MAX_RATE_PER_MINUTE),
  })
  .strict();
export type MessageSettings = z.infer<typeof messageSettingsSchema>;

export const DEFAULT_MESSAGE_SETTINGS: MessageSettings = {
  switches: MESSAGES_OFF satisfies MessageSwitches,
  templates: {},
  timeZone: 'UTC',
  ratePerMinute: DEFAULT_RATE_PER_MINUTE,
};

/** Date and time of an event as the family reads them, in the site's time zone and the message's language. */
export function messageDateTime(at: string, timeZone: string, language: string): { date: string; time: string } {
  const when = new Date(at);
  const locale = (() => {
    try {
      return Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0 ? language : 'en';
    } catch {
      return 'en';
    }
  })();
  return {
    date: new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(when),
    time: new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(when),
  };
}
