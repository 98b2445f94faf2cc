import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/dateTime';
import { dueState } from '../../domain/deadlines';
import type { Task } from '../../domain/tasks';
import { DueBadge } from '../cases';

interface TaskItemProps {
  task: Task;
  now: Date;
  /** The family's name, linking to its page (left out on the family's own page). */
  familyName?: string | undefined;
  /** Who it is for, already in words ("Amina Yusuf", "All case workers"). */
  assigneeText?: string | undefined;
  onDone?: (() => void) | undefined;
}

/** One task: overdue said in words (not by colour alone), its due time, family and assignee. */
export function TaskItem({ task, now, familyName, assigneeText, onDone }: TaskItemProps) {
  const { t, i18n } = useTranslation();
  const overdue = task.status === 'open' && dueState(task.dueAt, now) === 'overdue';
  return (
    <li className={`task task--${task.status}${overdue ? ' task--overdue' : ''}`}>
      {overdue ? <span className="due-badge due-badge--overdue">{t('tasks.overdue')}</span> : null}
      {task.status === 'open' && !overdue ? <DueBadge dueAt={task.dueAt} now={now} /> : null}
      {task.status !== 'open' ? <span className="due-badge">{t(`tasks.statuses.${task.status}`)}</span> : null}{' '}
      <strong>{task.title}</strong>
      <br />
      <span className="task__meta">
        {formatDateTime(task.dueAt, i18n.language)}
        {assigneeText ? ` · ${assigneeText}` : ''}
        {familyName && task.recordId ? (
          <>
            {' · '}
            <Link to={`/households/${task.recordId}`}>{familyName}</Link>
          </>
        ) : null}
      </span>{' '}
      {onDone && task.status === 'open' ? (
        <button type="button" className="button" onClick={onDone}>
          {t('tasks.markDone')}
        </button>
      ) : null}
    </li>
  );
}
