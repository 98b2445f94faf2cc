import { NOTES_MAX_LENGTH } from '../../domain/sensitive';
import { CheckboxField } from '../../ui/CheckboxField';
import { HouseholdTextArea } from './HouseholdTextArea';
import { useHouseholdFields } from './useHouseholdFields';

/** What the family agreed to, and free-text notes (protection notes are restricted). */
export function ConsentNotesFieldset() {
  const { t, register } = useHouseholdFields();

  return (
    <>
      <fieldset className="form-section">
        <legend>{t('form.consentSection')}</legend>
        <p className="field__hint">{t('form.consentHint')}</p>
        <CheckboxField
          id="consent-dataSharing"
          label={t('form.consentDataSharing')}
          {...register('consent.dataSharing')}
        />
        <CheckboxField id="consent-photo" label={t('form.consentPhoto')} {...register('consent.photo')} />
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('form.notesSection')}</legend>
        <HouseholdTextArea
          id="household-notes"
          name="notes"
          label={t('form.notes')}
          max={NOTES_MAX_LENGTH}
          rows={3}
        />
        <HouseholdTextArea
          id="household-protectionNotes"
          name="protectionNotes"
          label={t('form.protectionNotes')}
          hint={t('form.protectionNotesHint')}
          max={NOTES_MAX_LENGTH}
          rows={3}
        />
      </fieldset>
    </>
  );
}
