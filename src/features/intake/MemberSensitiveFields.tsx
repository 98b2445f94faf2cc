import { useFieldArray } from 'react-hook-form';
import { IDENTIFIER_TYPES, MEDICAL_FLAGS, NOTES_MAX_LENGTH } from '../../domain/sensitive';
import { CheckboxField } from '../../ui/CheckboxField';
import { Field } from '../../ui/Field';
import { newIdentifier } from './householdFormDefaults';
import { HouseholdTextArea } from './HouseholdTextArea';
import { useHouseholdFields } from './useHouseholdFields';

interface MemberSensitiveFieldsProps {
  index: number;
}

/**
 * Identity documents and health: stored apart from the person's record and
 * encrypted on the device, so roles that must not see them never receive them.
 */
export function MemberSensitiveFields({ index }: MemberSensitiveFieldsProps) {
  const { t, control, register, errorAt } = useHouseholdFields();
  const base = `members.${index}` as const;
  const idBase = `member-${index}`;
  const { fields, append, remove } = useFieldArray({ control, name: `${base}.identifiers` });

  return (
    <div className="member__sensitive">
      <fieldset className="subsection">
        <legend>{t('member.identifiers')}</legend>
        {fields.length === 0 ? <p className="field__hint">{t('member.noIdentifiers')}</p> : null}
        {fields.map((field, row) => {
          const rowId = `${idBase}-identifier-${row}`;
          const typeLabel = t('member.identifierType');
          return (
            <div key={field.id} className="identifier-row">
              <Field
                id={`${rowId}-type`}
                label={typeLabel}
                error={errorAt(`${base}.identifiers.${row}.type`)}
              >
                {(a11y) => (
                  <select {...a11y} {...register(`${base}.identifiers.${row}.type`)}>
                    {IDENTIFIER_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`identifierType.${type}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                id={`${rowId}-value`}
                label={t('member.identifierValue')}
                error={errorAt(`${base}.identifiers.${row}.value`)}
              >
                {(a11y) => (
                  <input
                    {...a11y}
                    type="text"
                    autoComplete="off"
                    {...register(`${base}.identifiers.${row}.value`)}
                  />
                )}
              </Field>
              <button
                type="button"
                className="button button--quiet"
                aria-label={t('member.removeIdentifierNumbered', { number: row + 1 })}
                onClick={() => remove(row)}
              >
                {t('member.removeIdentifier')}
              </button>
            </div>
          );
        })}
        <button type="button" className="button" onClick={() => append(newIdentifier())}>
          {t('member.addIdentifier')}
        </button>
      </fieldset>
      <fieldset className="subsection">
        <legend>{t('member.medicalFlags')}</legend>
        <div className="checkbox-grid">
          {MEDICAL_FLAGS.map((flag) => (
            <CheckboxField
              key={flag}
              id={`${idBase}-medical-${flag}`}
              label={t(`medicalFlag.${flag}`)}
              value={flag}
              {...register(`${base}.medicalFlags`)}
            />
          ))}
        </div>
        <HouseholdTextArea
          id={`${idBase}-medicalNotes`}
          name={`${base}.medicalNotes`}
          label={t('member.medicalNotes')}
          max={NOTES_MAX_LENGTH}
          rows={3}
        />
      </fieldset>
    </div>
  );
}
