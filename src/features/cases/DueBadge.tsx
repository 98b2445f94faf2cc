import { useTranslation } from 'react-i18next';
import { daysUntil, dueState } from '../../domain/deadlines';

/** "Overdue by 3 days" / "Due in 5 days" for an open item; nothing when it is further away. */
export function DueBadge({ dueAt, now }: { dueAt: string; now: Date }) {
  const { t } = useTranslation();
  const state = dueState(dueAt, now);
  if (state === 'later') return null;
  const days = daysUntil(dueAt, now);
  return (
    <span className={`due-badge due-badge--${state}`}>
      {state === 'overdue' ? t('cases.overdue', { count: Math.max(0, -days) }) : t('cases.dueIn', { count: Math.max(0, days) })}
    </span>
  );
}
