import { useTranslation } from 'react-i18next';
import type { Task } from '../../domain/tasks';
import { useDirectory } from '../../sync/useDirectory';

/** Who a task is for, in words: "Me", a colleague's name, or "All case workers". */
export function useAssigneeText(myId: string): (task: Pick<Task, 'assigneeUserId' | 'assigneeRole'>) => string | undefined {
  const { t } = useTranslation();
  const directory = useDirectory();
  return (task) => {
    if (task.assigneeRole) return t('tasks.everyone', { role: t(`tasks.roles.${task.assigneeRole}`) });
    if (!task.assigneeUserId) return undefined;
    if (task.assigneeUserId === myId) return t('tasks.me');
    return directory.users.get(task.assigneeUserId) ?? t('tasks.someoneElse');
  };
}
