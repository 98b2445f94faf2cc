import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { fromLocalInput } from '../../app/dateTime';
import { MILESTONE_KINDS, MILESTONE_NOTES_MAX_LENGTH, type MilestoneKind } from '../../domain/milestones';
import type { Person } from '../../domain/person';
import { InvalidRecordError } from '../../db/recordWrites';
import { StorageFullError } from '../../db/storageFull';
import { Field } from '../../ui/Field';
import { useErrorText } from '../intake';
import { saveMilestone } from './operations';

interface MilestoneFormValues {
  kind: MilestoneKind;
  dueAt: string;
  personId: string;
  place: string;
  notes: string;
}

/** Adds a hearing, check-in or filing deadline to a family's case. */
export function MilestoneForm({
  householdId,
  members,
  onDone,
}: {
  householdId: string;
  members: readonly Person[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const db = useDatabase();
  const actor = useActor();
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<MilestoneFormValues>({
    defaultValues: { kind: 'court_hearing', dueAt: '', personId: '', place: '', notes: '' },
  });

  const notes = useWatch({ control, name: 'notes' });

  // The form keeps what was typed; the person saves again once there is room.
  const [storageFull, setStorageFull] = useState(false);

  const onSubmit = handleSubmit(async (values) => {
    setStorageFull(false);
    try {
      await saveMilestone(db, actor, {
        householdId,
        kind: values.kind,
        dueAt: fromLocalInput(values.dueAt) ?? values.dueAt,
        personId: values.personId || undefined,
        place: values.place.trim() || undefined,
        notes: values.notes.trim() || undefined,
      });
      onDone();
    } catch (error) {
      if (error instanceof StorageFullError) {
        setStorageFull(true);
        return;
      }
      if (!(error instanceof InvalidRecordError)) throw error;
      for (const issue of error.issues) {
        const name = issue.path[0];
        if (name === 'dueAt' || name === 'kind' || name === 'place' || name === 'notes') {
          setError(name, { type: 'validate', message: issue.message });
        }
      }
    }
  });

  return (
    <form className="milestone-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <div className="field-grid">
        <Field id="milestone-kind" label={t('cases.kind')} error={errorText(errors.kind)}>
          {(a11y) => (
            <select {...a11y} {...register('kind')}>
              {MILESTONE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`cases.kinds.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="milestone-dueAt" label={t('cases.dueAt')} error={errorText(errors.dueAt)}>
          {(a11y) => (
            <input {...a11y} type="datetime-local" {...register('dueAt', { required: 'required' })} />
          )}
        </Field>
        <Field id="milestone-person" label={t('cases.person')}>
          {(a11y) => (
            <select {...a11y} {...register('personId')}>
              <option value="">{t('cases.wholeFamily')}</option>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {`${m.givenName} ${m.familyName}`.trim()}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="milestone-place" label={t('cases.place')} error={errorText(errors.place)}>
          {(a11y) => <input {...a11y} type="text" {...register('place')} />}
        </Field>
        <Field
          id="milestone-notes"
          label={t('cases.notes')}
          error={errorText(errors.notes)}
          className="field--wide"
          counter={{ length: notes.length, max: MILESTONE_NOTES_MAX_LENGTH }}
        >
          {(a11y) => <textarea {...a11y} rows={2} {...register('notes')} />}
        </Field>
      </div>
      <div className="form-actions">
        {storageFull ? (
          <p className="form-message form-message--error" role="alert">
            {t('storage.full')}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {t('cases.saveMilestone')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('travel.cancel')}
        </button>
      </div>
    </form>
  );
}
