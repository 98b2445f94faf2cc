import { useTranslation } from 'react-i18next';
import type { Reminder } from '../../domain/reminders';

/** What a reminder is about, in words: the task's title or the milestone's kind. */
export function useReminderText(): (reminder: Reminder) => string {
  const { t } = useTranslation();
  return (reminder) => (reminder.kind === 'task' ? reminder.title : t(`cases.kinds.${reminder.milestoneKind}`));
}
