import { useState } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { formatDateTime } from '../../ui/dates';
import { StorageFullError } from '../../db/storageFull';
import { CASE_NOTE_MAX_LENGTH, caseNoteDraftSchema } from '../../domain/caseNotes';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { TextAreaField } from '../../ui/InputField';
import { useErrorText } from '../intake';
import { addCaseNote } from './operations';
import { useHouseholdNotes } from './hooks';

/** What the box may hold: the note's own rule, so text over the limit is refused whole, never cut. */
const noteFormSchema = caseNoteDraftSchema.pick({ body: true });

/** A family's case notes, newest first, with a box to add one. Notes are never edited. */
export function CaseNotesSection({
  householdId,
  canWrite = true,
}: {
  householdId: string;
  canWrite?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const notes = useHouseholdNotes(householdId);
  const errorText = useErrorText();
  const {
    control,
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(noteFormSchema),
    defaultValues: { body: '' },
    // Judged when the writer adds the note, not at every keystroke of a long text.
    reValidateMode: 'onSubmit',
  });
  const body = useWatch({ control, name: 'body' });
  const [storageFull, setStorageFull] = useState(false);

  // Refused, not cut: over the limit, the whole text stays in the box for the writer to shorten.
  const add = handleSubmit(async (values) => {
    setStorageFull(false);
    try {
      await addCaseNote(db, actor, { householdId, body: values.body });
      reset({ body: '' });
    } catch (error) {
      // The note stays in the box to save again once there is room.
      if (!(error instanceof StorageFullError)) throw error;
      setStorageFull(true);
    }
  });

  return (
    <section aria-labelledby="notes-heading" className="case-notes">
      <h2 id="notes-heading">{t('cases.notesHeading')}</h2>
      {canWrite ? (
        <form className="case-notes__add" onSubmit={(event) => void add(event)} noValidate>
          <TextAreaField
            id="case-note"
            label={t('cases.newNote')}
            rows={3}
            error={errorText(errors.body)}
            announceError
            counter={{ length: body.length, max: CASE_NOTE_MAX_LENGTH }}
            {...register('body')}
          />
          <FormMessage message={failureMessage(storageFull ? t('storage.full') : undefined)} />
          <button type="submit" className="button button--primary" disabled={isSubmitting || !body.trim()}>
            {t('cases.addNote')}
          </button>
        </form>
      ) : null}
      {notes?.length === 0 ? <p>{t('cases.noNotes')}</p> : null}
      <ol className="case-notes__timeline">
        {notes?.map((note) => (
          <li key={note.id}>
            <p className="case-notes__meta">
              {t('cases.noteBy', {
                by: note.authorId === actor.userId ? t('travel.you') : note.authorId,
                at: formatDateTime(note.writtenAt, i18n.language),
              })}
            </p>
            <p className="details__text">{note.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
