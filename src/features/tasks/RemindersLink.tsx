import { useEffect } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useActor } from '../../app/useActor';
import { formatDateTime } from '../../app/dateTime';
import { remindersToNotify } from '../../domain/reminders';
import { readReminderMemory, writeReminderMemory } from './reminderMemory';
import { notificationState, showDeviceNotification } from './notifications';
import { useReminders } from './useReminders';
import { useReminderText } from './useReminderText';

/**
 * "Reminders (2)" in the nav, and the device notification for each new
 * reminder where notifications are allowed. Mounted once, in the header.
 */
export function RemindersLink() {
  const { t, i18n } = useTranslation();
  const actor = useActor();
  const { shown, all } = useReminders();
  const text = useReminderText();

  useEffect(() => {
    if (!all || notificationState() !== 'granted') return;
    const memory = readReminderMemory(actor.userId);
    const fresh = remindersToNotify(all, memory);
    if (fresh.length === 0) return;
    // Remembered before showing: a second tab or a re-render must not show them again.
    writeReminderMemory(actor.userId, { ...memory, notified: [...memory.notified, ...fresh.map((r) => r.id)] });
    for (const reminder of fresh) {
      void showDeviceNotification(text(reminder), {
        body: t('reminders.notificationBody', { when: formatDateTime(reminder.dueAt, i18n.language) }),
        tag: reminder.id,
      }).catch((error: unknown) => console.warn('reminder notification failed', error));
    }
  }, [all, actor.userId, t, i18n.language, text]);

  const count = shown?.length ?? 0;
  return (
    <NavLink to="/reminders" className="reminders-link">
      {t('reminders.title')}
      {count > 0 ? (
        <span className="reminders-link__count" aria-label={t('reminders.count', { count })}>
          {count}
        </span>
      ) : null}
    </NavLink>
  );
}
