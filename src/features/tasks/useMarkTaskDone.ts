import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useSaveFailureText } from '../../app/useSaveFailureText';
import type { Task } from '../../domain/tasks';
import { useToast } from '../../ui/toastStore';
import { changeTaskStatus } from './operations';

/**
 * "Done" on a task, confirmed: a toast names the task once it is saved on the
 * device; a failure is a sentence the screen shows (nothing changed).
 */
export function useMarkTaskDone(): { markDone: (task: Pick<Task, 'id' | 'title'>) => void; failure: string | undefined } {
  const { t } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const toast = useToast();
  const failureText = useSaveFailureText();
  const [failure, setFailure] = useState<string | undefined>();
  const markDone = (task: Pick<Task, 'id' | 'title'>) => {
    setFailure(undefined);
    changeTaskStatus(db, actor, task.id, 'done').then(
      () => toast.show(t('toast.taskDone', { title: task.title })),
      (error: unknown) => {
        console.error('marking a task done failed', error);
        setFailure(failureText(error, 'tasks.doneFailed'));
      },
    );
  };
  return { markDone, failure };
}
