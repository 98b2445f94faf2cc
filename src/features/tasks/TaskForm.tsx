import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { StorageFullError } from '../../db/storageFull';
import { fromLocalInput } from '../../app/dateTime';
import { canRead, ROLES, type Role } from '../../domain/access';
import { InvalidRecordError } from '../../db/recordWrites';
import { useDirectory } from '../../sync/useDirectory';
import { FormMessage, failureMessage, successMessage } from '../../ui/FormMessage';
import { InputField, SelectField } from '../../ui/InputField';
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
      return (
        roles.length === 0 ||
        canRead(
          roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
          'tasks',
        )
      );
    })
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

interface TaskFormValues {
  title: string;
  dueAt: string;
  assignee: AssigneeChoice;
  family: ChosenFamily | undefined;
}

/** Adds a task, about a family (chosen, or given by the family's page), for me, a colleague or everyone with a role. */
export function TaskForm({ family: givenFamily, onSaved }: { family?: ChosenFamily; onSaved?: () => void }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const id = useId();
  const people = useAssignablePeople(actor.userId);
  const blank: TaskFormValues = { title: '', dueAt: '', assignee: 'me', family: givenFamily };
  const { register, control, handleSubmit, reset, setValue } = useForm<TaskFormValues>({
    defaultValues: blank,
  });
  const [title, dueAt, family] = useWatch({ control, name: ['title', 'dueAt', 'family'] });
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  const onSubmit = handleSubmit(async (values) => {
    setError(undefined);
    setSaved(false);
    const [kind, value] = values.assignee === 'me' ? ['user', actor.userId] : values.assignee.split(/:(.*)/s);
    try {
      await saveTask(db, actor, {
        title: values.title,
        dueAt: fromLocalInput(values.dueAt) ?? values.dueAt,
        ...(kind === 'role' ? { assigneeRole: value as Role } : { assigneeUserId: value }),
        ...(values.family ? { recordCollection: 'households', recordId: values.family.id } : {}),
      });
      reset(blank);
      setSaved(true);
      onSaved?.();
    } catch (cause) {
      if (cause instanceof StorageFullError) setError(t('storage.full'));
      else if (cause instanceof InvalidRecordError) setError(t('tasks.invalid'));
      else throw cause;
    }
  });

  return (
    <form className="task-form" aria-labelledby={`${id}-heading`} onSubmit={(event) => void onSubmit(event)}>
      <h2 id={`${id}-heading`}>{t('tasks.addHeading')}</h2>
      <FormMessage message={failureMessage(error)} />
      <div className="field-grid">
        <InputField
          id={`${id}-title`}
          label={t('tasks.taskTitle')}
          type="text"
          maxLength={200}
          {...register('title', { onChange: () => setSaved(false) })}
        />
        <InputField id={`${id}-due`} label={t('tasks.dueAt')} type="datetime-local" {...register('dueAt')} />
        <FamilyPicker value={family} onChange={(chosen) => setValue('family', chosen)} />
        <SelectField id={`${id}-assignee`} label={t('tasks.assignee')} {...register('assignee')}>
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
        </SelectField>
      </div>
      <button type="submit" className="button button--primary" disabled={!title.trim() || !dueAt}>
        {t('tasks.save')}
      </button>
      {/* With `onSaved` the caller closes the form and confirms; standalone, the form says it. */}
      <FormMessage message={successMessage(saved && !onSaved ? t('tasks.saved') : undefined)} />
    </form>
  );
}
