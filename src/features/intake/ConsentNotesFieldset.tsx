import { get, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { HouseholdDraftInput } from '../../domain/householdDraft';
import { NOTES_MAX_LENGTH } from '../../domain/sensitive';
import { CheckboxField } from '../../ui/CheckboxField';
import { Field } from '../../ui/Field';
import { useErrorText } from './useErrorText';

/** What the family agreed to, and free-text notes (protection notes are restricted). */
export function ConsentNotesFieldset() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const {
    control,
    register,
    formState: { errors },
  } = useFormContext<HouseholdDraftInput>();
  const [notes, protectionNotes] = useWatch({ control, name: ['notes', 'protectionNotes'] });

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
        <Field
          id="household-notes"
          label={t('form.notes')}
          error={errorText(get(errors, 'notes'))}
          counter={{ length: notes?.length ?? 0, max: NOTES_MAX_LENGTH }}
        >
          {(a11y) => <textarea {...a11y} rows={3} {...register('notes')} />}
        </Field>
        <Field
          id="household-protectionNotes"
          label={t('form.protectionNotes')}
          hint={t('form.protectionNotesHint')}
          error={errorText(get(errors, 'protectionNotes'))}
          counter={{ length: protectionNotes?.length ?? 0, max: NOTES_MAX_LENGTH }}
        >
          {(a11y) => <textarea {...a11y} rows={3} {...register('protectionNotes')} />}
        </Field>
      </fieldset>
    </>
  );
}
