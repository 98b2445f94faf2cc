/**
 * The helpline's office hours until a site sets its own: the working days,
 * the time zone and the public holidays call-backs are counted in. The app's
 * helpline settings and the server's demo data both start from them.
 */
import type { OfficeHours } from './callbackDue';

const WEEKDAY_8_TO_5 = { start: '08:00', end: '17:00' };

export const DEFAULT_OFFICE_HOURS: OfficeHours = {
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
};
