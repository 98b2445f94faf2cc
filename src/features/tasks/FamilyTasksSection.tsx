import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useLive } from '../../app/useLive';
import { useNow } from '../../app/useNow';
import { householdTasks$ } from './queries';
import { TaskForm } from './TaskForm';
import { TaskItem } from './TaskItem';
import { useAssigneeText } from './useAssigneeText';
import { useMarkTaskDone } from './useMarkTaskDone';

/** A family's tasks on its page, open ones first and overdue ones marked; "Add task" for this family. */
export function FamilyTasksSection({ household, canWrite }: { household: { id: string; familyName: string }; canWrite: boolean }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const now = useNow(60_000);
  const tasks = useLive(`family-tasks:${household.id}:${now.getTime()}`, () => householdTasks$(db, household.id, now));
  const assigneeText = useAssigneeText(actor.userId);
  const { markDone, failure } = useMarkTaskDone();
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(false);

  return (
    <section aria-labelledby="family-tasks-heading" className="family-tasks">
      <h2 id="family-tasks-heading">{t('tasks.familyHeading')}</h2>
      {tasks?.length === 0 ? <p>{t('tasks.noneForFamily')}</p> : null}
      <ul className="task-list">
        {tasks?.map((task) => (
          <TaskItem
            key={task.id}
            task={task}
            now={now}
            assigneeText={assigneeText(task)}
            onDone={canWrite ? () => markDone(task) : undefined}
          />
        ))}
      </ul>
      {failure ? (
        <p className="form-message form-message--error" role="alert">
          {failure}
        </p>
      ) : null}
      {saved ? (
        <p className="form-message form-message--success" role="status">
          {t('tasks.saved')}
        </p>
      ) : null}
      {canWrite && adding ? (
        <TaskForm
          family={{ id: household.id, familyName: household.familyName }}
          onSaved={() => {
            setAdding(false);
            setSaved(true);
          }}
        />
      ) : null}
      {canWrite && !adding ? (
        <button
          type="button"
          className="button"
          onClick={() => {
            setSaved(false);
            setAdding(true);
          }}
        >
          {t('tasks.add')}
        </button>
      ) : null}
    </section>
  );
}
