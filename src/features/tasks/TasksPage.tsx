import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useLive } from '../../app/useLive';
import { useNow } from '../../app/useNow';
import { formatDateTime } from '../../ui/dates';
import { myAssigneeKeys } from '../../domain/tasks';
import { useSessionRoles } from '../auth/useSession';
import { DueBadge } from '../cases/DueBadge';
import { changeTaskStatus } from './operations';
import { openTasksFor$ } from './queries';
import { TaskForm } from './TaskForm';

/** My open tasks: assigned to me or to one of my roles, overdue first. */
export function TasksPage() {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const roles = useSessionRoles() ?? [];
  const now = useNow(60_000);
  const keys = myAssigneeKeys(actor.userId, roles);
  const tasks = useLive(`tasks:${keys.join(',')}:${now.getTime()}`, () => openTasksFor$(db, keys, now));
  useDocumentTitle(t('tasks.title'));

  return (
    <>
      <h1>{t('tasks.title')}</h1>
      {tasks?.length === 0 ? <p>{t('tasks.none')}</p> : null}
      <ul className="task-list">
        {tasks?.map((task) => (
          <li key={task.id} className="task">
            <DueBadge dueAt={task.dueAt} now={now} /> <strong>{task.title}</strong>
            <br />
            {formatDateTime(task.dueAt, i18n.language)}
            {task.assigneeRole ? ` · ${t('tasks.everyone', { role: t(`tasks.roles.${task.assigneeRole}`) })}` : ''}
            {task.recordCollection === 'households' && task.recordId ? (
              <>
                {' · '}
                <Link to={`/households/${task.recordId}`}>{t('tasks.openFamily')}</Link>
              </>
            ) : null}{' '}
            <button type="button" className="button" onClick={() => void changeTaskStatus(db, actor, task.id, 'done')}>
              {t('tasks.markDone')}
            </button>
          </li>
        ))}
      </ul>
      <TaskForm />
    </>
  );
}
