import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { StorageFullError } from '../../db/storageFull';
import { fromLocalInput } from '../../app/dateTime';
import { canRead, ROLES, type Role } from '../../domain/access';
import { InvalidRecordError } from '../../db/recordWrites';
import { useDirectory } from '../../sync/useDirectory';
import { saveTask } from './operations';
import { FamilyPicker, type ChosenFamily } from './FamilyPicker';

/** "me", "user:<id>" or "role:<role>". */
type AssigneeChoice = string;

/** The people of my sites who receive tasks (a driver's or an admin's device never holds them). */
function useAssignablePeople(myId: string): { id: string; name: string }[] {
  const directory = useDirectory();
  return [...directory.users]
    .filter(([id]) => id !== myId)
    .filter(([id]) => {
      const roles = directory.roles.get(id) ?? [];
      // Roles unknown (a directory cached by an older version): offer them rather than hide everyone.
      return roles.length === 0 || canRead(roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)), 'tasks');
    })
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Adds a task, about a family (chosen, or given by the family's page), for me, a colleague or everyone with a role. */
export function TaskForm({ family: givenFamily, onSaved }: { family?: ChosenFamily; onSaved?: () => void }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const id = useId();
  const people = useAssignablePeople(actor.userId);
  const [title, setTitle] = useState('');
  const [dueAt, setDueAt] = useState('');
  const [family, setFamily] = useState<ChosenFamily | undefined>(givenFamily);
  const [assignee, setAssignee] = useState<AssigneeChoice>('me');
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  const submit = async () => {
    setError(undefined);
    setSaved(false);
    const [kind, value] = assignee === 'me' ? ['user', actor.userId] : assignee.split(/:(.*)/s);
    try {
      await saveTask(db, actor, {
        title,
        dueAt: fromLocalInput(dueAt) ?? dueAt,
        ...(kind === 'role' ? { assigneeRole: value as Role } : { assigneeUserId: value }),
        ...(family ? { recordCollection: 'households', recordId: family.id } : {}),
      });
      setTitle('');
      setDueAt('');
      setAssignee('me');
      setFamily(givenFamily);
      setSaved(true);
      onSaved?.();
    } catch (cause) {
      if (cause instanceof StorageFullError) setError(t('storage.full'));
      else if (cause instanceof InvalidRecordError) setError(t('tasks.invalid'));
      else throw cause;
    }
  };

  return (
    <form
      className="task-form"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-heading`}>{t('tasks.addHeading')}</h2>
      {error ? (
        <p className="form-message form-message--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field-grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-title`}>
            {t('tasks.taskTitle')}
          </label>
          <input
            id={`${id}-title`}
            type="text"
            value={title}
            maxLength={200}
            onChange={(e) => {
              setSaved(false);
              setTitle(e.target.value);
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-due`}>
            {t('tasks.dueAt')}
          </label>
          <input id={`${id}-due`} type="datetime-local" value={dueAt} onChange={(e) => setDueAt(e.target.value)} />
        </div>
        <FamilyPicker value={family} onChange={setFamily} />
        <div className="field">
          <label className="field__label" htmlFor={`${id}-assignee`}>
            {t('tasks.assignee')}
          </label>
          <select id={`${id}-assignee`} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="me">{t('tasks.me')}</option>
            {people.length > 0 ? (
              <optgroup label={t('tasks.people')}>
                {people.map((person) => (
                  <option key={person.id} value={`user:${person.id}`}>
                    {person.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label={t('tasks.rolesGroup')}>
              {ROLES.filter((role) => canRead([role], 'tasks')).map((role) => (
                <option key={role} value={`role:${role}`}>
                  {t('tasks.everyone', { role: t(`tasks.roles.${role}`) })}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
      </div>
      <button type="submit" className="button button--primary" disabled={!title.trim() || !dueAt}>
        {t('tasks.save')}
      </button>
      {/* With `onSaved` the caller closes the form and confirms; standalone, the form says it. */}
      {saved && !onSaved ? (
        <p className="form-message form-message--success" role="status">
          {t('tasks.saved')}
        </p>
      ) : null}
    </form>
  );
}
