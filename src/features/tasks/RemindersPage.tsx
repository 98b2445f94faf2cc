import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useActor } from '../../app/useActor';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDateTime } from '../../app/dateTime';
import { askNotificationPermission, notificationState, type NotificationState } from './notifications';
import { dismissReminder, REMINDER_CHECK_MS, useReminders } from './useReminders';
import { useNow } from '../../app/useNow';
import { useReminderText } from './useReminderText';

/** My due tasks and near deadlines, from this device's data; dismiss each; turn on notifications. */
export function RemindersPage() {
  const { t, i18n } = useTranslation();
  const actor = useActor();
  const { shown } = useReminders();
  const text = useReminderText();
  const now = useNow(REMINDER_CHECK_MS);
  const [permission, setPermission] = useState<NotificationState>(notificationState);
  useDocumentTitle(t('reminders.title'));

  return (
    <>
      <h1>{t('reminders.title')}</h1>
      {permission === 'default' ? (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => void askNotificationPermission().then(setPermission, () => setPermission(notificationState()))}
          >
            {t('reminders.enableNotifications')}
          </button>
        </p>
      ) : null}
      {permission === 'granted' ? <p className="field__hint">{t('reminders.notificationsOn')}</p> : null}
      {permission === 'denied' || permission === 'unsupported' ? (
        <p className="field__hint">{t('reminders.notificationsOff')}</p>
      ) : null}
      {shown?.length === 0 ? <p>{t('reminders.none')}</p> : null}
      <ul className="reminder-list">
        {shown?.map(({ reminder, familyName }) => (
          <li key={reminder.id} className="task">
            {Date.parse(reminder.dueAt) <= now.getTime() ? (
              <span className="due-badge due-badge--overdue">{t('tasks.overdue')}</span>
            ) : (
              <span className="due-badge due-badge--due_soon">{t('reminders.dueSoon')}</span>
            )}{' '}
            <strong>{text(reminder)}</strong>
            <br />
            <span className="task__meta">
              {formatDateTime(reminder.dueAt, i18n.language)}
              {familyName && reminder.householdId ? (
                <>
                  {' · '}
                  <Link to={`/households/${reminder.householdId}`}>{familyName}</Link>
                </>
              ) : null}
            </span>{' '}
            <button type="button" className="button button--quiet" onClick={() => dismissReminder(actor.userId, reminder.id)}>
              {t('reminders.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
