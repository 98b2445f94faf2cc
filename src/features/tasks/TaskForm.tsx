import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { StorageFullError } from '../../db/storageFull';
import { fromLocalInput } from '../../app/dateTime';
import { ROLES, type Role } from '../../domain/access';
import { InvalidRecordError } from '../../db/recordWrites';
import { saveTask } from './operations';

/** Adds a task for me or for everyone with a role. */
export function TaskForm({ recordId }: { recordId?: string }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const [title, setTitle] = useState('');
  const [dueAt, setDueAt] = useState('');
  const [assignee, setAssignee] = useState<'me' | Role>('me');
  const [error, setError] = useState<string | undefined>();

  const submit = async () => {
    setError(undefined);
    try {
      await saveTask(db, actor, {
        title,
        dueAt: fromLocalInput(dueAt) ?? dueAt,
        ...(assignee === 'me' ? { assigneeUserId: actor.userId } : { assigneeRole: assignee }),
        ...(recordId ? { recordCollection: 'households', recordId } : {}),
      });
      setTitle('');
      setDueAt('');
    } catch (cause) {
      if (cause instanceof StorageFullError) setError(t('storage.full'));
      else if (cause instanceof InvalidRecordError) setError(t('tasks.invalid'));
      else throw cause;
    }
  };

  return (
    <form
      className="task-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2>{t('tasks.addHeading')}</h2>
      {error ? (
        <p className="form-message form-message--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field-grid">
        <div className="field">
          <label className="field__label" htmlFor="task-title">
            {t('tasks.taskTitle')}
          </label>
          <input
            id="task-title"
            type="text"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="task-due">
            {t('tasks.dueAt')}
          </label>
          <input
            id="task-due"
            type="datetime-local"
            value={dueAt}
            onChange={(e) => setDueAt(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="task-assignee">
            {t('tasks.assignee')}
          </label>
          <select
            id="task-assignee"
            value={assignee}
            onChange={(e) => setAssignee(e.target.value as 'me' | Role)}
          >
            <option value="me">{t('tasks.me')}</option>
            {ROLES.filter((role) => role !== 'admin').map((role) => (
              <option key={role} value={role}>
                {t('tasks.everyone', { role: t(`tasks.roles.${role}`) })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className="button button--primary" disabled={!title.trim() || !dueAt}>
        {t('tasks.add')}
      </button>
    </form>
  );
}
