import { get, useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { HouseholdDraftInput } from '../../domain/householdDraft';
import { MemberFields } from './MemberFields';
import { newMemberDraft } from './householdFormDefaults';
import { useErrorText } from './useErrorText';

/** The people in the household, each edited inline; rows can be added and removed. */
export function MembersFieldset() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const {
    control,
    getValues,
    formState: { errors },
  } = useFormContext<HouseholdDraftInput>();
  const { fields, append, remove } = useFieldArray({ control, name: 'members' });
  // A too-short list is reported on the array itself (zod path ["members"]), which
  // react-hook-form files under `members.root` (or `members` when not seen as an array).
  const listError = errorText(
    get(errors, 'members.root') ?? (typeof errors.members?.message === 'string' ? errors.members : undefined),
  );

  return (
    <section className="form-section" aria-labelledby="members-heading">
      <h2 id="members-heading">{t('form.membersSection')}</h2>
      {listError ? (
        <p className="field__error" role="alert">
          {listError}
        </p>
      ) : null}
      <ol className="member-list">
        {fields.map((field, index) => (
          <li key={field.id}>
            <MemberFields index={index} onRemove={() => remove(index)} />
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button"
        onClick={() => append(newMemberDraft(getValues('familyName')))}
      >
        {t('form.addMember')}
      </button>
    </section>
  );
}
