import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useLive } from '../../app/useLive';
import { useNow } from '../../app/useNow';
import { myAssigneeKeys } from '../../domain/tasks';
import { useSessionRoles } from '../auth/useSession';
import { changeTaskStatus } from './operations';
import { openTasksWithFamilies$ } from './queries';
import { TaskForm } from './TaskForm';
import { TaskItem } from './TaskItem';
import { useAssigneeText } from './useAssigneeText';

/** A page of the list: long enough to scan on a phone, short enough to render at once. */
export const TASKS_PAGE_SIZE = 25;

/** My open tasks: assigned to me or to one of my roles, overdue first, with their families. */
export function TasksPage() {
  const { t } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const roles = useSessionRoles() ?? [];
  const now = useNow(60_000);
  const keys = myAssigneeKeys(actor.userId, roles);
  const tasks = useLive(`tasks:${keys.join(',')}:${now.getTime()}`, () => openTasksWithFamilies$(db, keys, now));
  const assigneeText = useAssigneeText(actor.userId);
  const [shown, setShown] = useState(TASKS_PAGE_SIZE);
  useDocumentTitle(t('tasks.title'));
  const total = tasks?.length ?? 0;

  return (
    <>
      <h1>{t('tasks.title')}</h1>
      {tasks?.length === 0 ? <p>{t('tasks.none')}</p> : null}
      <ul className="task-list">
        {tasks?.slice(0, shown).map(({ task, familyName }) => (
          <TaskItem
            key={task.id}
            task={task}
            now={now}
            familyName={familyName}
            assigneeText={task.assigneeRole ? assigneeText(task) : undefined}
            onDone={() => void changeTaskStatus(db, actor, task.id, 'done')}
          />
        ))}
      </ul>
      {total > TASKS_PAGE_SIZE ? (
        <p className="task-list__paging">
          <span role="status">{t('tasks.showing', { shown: Math.min(shown, total), total })}</span>{' '}
          {shown < total ? (
            <button type="button" className="button" onClick={() => setShown((n) => n + TASKS_PAGE_SIZE)}>
              {t('tasks.showMore')}
            </button>
          ) : null}
        </p>
      ) : null}
      <TaskForm />
    </>
  );
}
