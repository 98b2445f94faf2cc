import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { formatDateTime } from '../../ui/dates';
import { StorageFullError } from '../../db/storageFull';
import { CASE_NOTE_MAX_LENGTH } from '../../domain/caseNotes';
import { CharacterCount } from '../../ui/CharacterCount';
import { addCaseNote } from './operations';
import { useHouseholdNotes } from './hooks';

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
  const [body, setBody] = useState('');
  const [saving, setSaving] = useState(false);
  const [storageFull, setStorageFull] = useState(false);
  const [tooLong, setTooLong] = useState(false);

  const add = async () => {
    if (!body.trim()) return;
    // Refused, not cut: the whole text stays in the box for the writer to shorten.
    const over = body.trim().length > CASE_NOTE_MAX_LENGTH;
    setTooLong(over);
    if (over) return;
    setSaving(true);
    setStorageFull(false);
    try {
      await addCaseNote(db, actor, { householdId, body });
      setBody('');
    } catch (error) {
      // The note stays in the box to save again once there is room.
      if (!(error instanceof StorageFullError)) throw error;
      setStorageFull(true);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="notes-heading" className="case-notes">
      <h2 id="notes-heading">{t('cases.notesHeading')}</h2>
      {canWrite ? (
        <form
          className="case-notes__add"
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <label htmlFor="case-note-body">{t('cases.newNote')}</label>
          <textarea
            id="case-note-body"
            rows={3}
            value={body}
            aria-describedby={tooLong ? 'case-note-count case-note-error' : 'case-note-count'}
            aria-invalid={tooLong || undefined}
            onChange={(e) => setBody(e.target.value)}
          />
          <CharacterCount id="case-note-count" length={body.length} max={CASE_NOTE_MAX_LENGTH} />
          {tooLong ? (
            <p className="form-message form-message--error" id="case-note-error" role="alert">
              {t('errors.too_big_text', { max: new Intl.NumberFormat(i18n.language).format(CASE_NOTE_MAX_LENGTH) })}
            </p>
          ) : null}
          {storageFull ? (
            <p className="form-message form-message--error" role="alert">
              {t('storage.full')}
            </p>
          ) : null}
          <button type="submit" className="button button--primary" disabled={saving || !body.trim()}>
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
