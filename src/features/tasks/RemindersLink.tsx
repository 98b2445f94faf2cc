import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useActor } from '../../app/useActor';
import { formatDateTime } from '../../app/dateTime';
import { remindersToNotify } from '../../domain/reminders';
import { readReminderMemory, writeReminderMemory } from './reminderMemory';
import { notificationState, showDeviceNotification } from './notifications';
import { useReminders } from './useReminders';
import { useReminderText } from './useReminderText';

/** The count beside "Reminders" in the nav (nothing when there are none). */
export function ReminderCount() {
  const { t } = useTranslation();
  const { shown } = useReminders();
  const count = shown?.length ?? 0;
  if (count === 0) return null;
  return (
    <span className="reminders-link__count" aria-label={t('reminders.count', { count })}>
      {count}
    </span>
  );
}

/**
 * The device notification for each new reminder where notifications are
 * allowed. Mounted once, in the header, for the roles that have reminders.
 */
export function ReminderNotifications() {
  const { t, i18n } = useTranslation();
  const actor = useActor();
  const { all } = useReminders();
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
  return null;
}
