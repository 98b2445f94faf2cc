import { Controller, useWatch } from 'react-hook-form';
import { RELATIONSHIPS, SEXES } from '../../domain/person';
import { CheckboxField } from '../../ui/CheckboxField';
import { Field } from '../../ui/Field';
import { CountrySelect } from './CountrySelect';
import { LanguagePicker } from './LanguagePicker';
import { MemberSensitiveFields } from './MemberSensitiveFields';
import { useHouseholdFields } from './useHouseholdFields';
import { DuplicateWarning } from './DuplicateWarning';

interface MemberFieldsProps {
  index: number;
  onRemove: () => void;
}

/** An empty number input means "not known", not zero. */
function ageFromInput(value: unknown): number | undefined {
  if (value === '' || value === null || value === undefined) return undefined;
  return Number(value);
}

/** One person in the household: who they are, languages, and their sensitive details. */
export function MemberFields({ index, onRemove }: MemberFieldsProps) {
  const { t, errorText, errorAt: errorAtPath, control, register } = useHouseholdFields();
  const base = `members.${index}` as const;
  const idBase = `member-${index}`;
  const errorAt = (name: string) => errorAtPath(`${base}.${name}`);
  const givenName = useWatch({ control, name: `${base}.givenName` });
  const displayName = givenName?.trim() || t('form.personNumber', { number: index + 1 });

  return (
    <fieldset className="member">
      <legend>{t('form.personLegend', { number: index + 1 })}</legend>
      <div className="field-grid">
        <Field id={`${idBase}-givenName`} label={t('member.givenName')} error={errorAt('givenName')}>
          {(a11y) => <input {...a11y} type="text" autoComplete="off" {...register(`${base}.givenName`)} />}
        </Field>
        <Field id={`${idBase}-familyName`} label={t('member.familyName')} error={errorAt('familyName')}>
          {(a11y) => <input {...a11y} type="text" autoComplete="off" {...register(`${base}.familyName`)} />}
        </Field>
        <DuplicateWarning index={index} />
        <Field
          id={`${idBase}-dateOfBirth`}
          label={t('member.dateOfBirth')}
          hint={t('member.dateOfBirthHint')}
          error={errorAt('dateOfBirth')}
        >
          {(a11y) => <input {...a11y} type="date" {...register(`${base}.dateOfBirth`)} />}
        </Field>
        <Field id={`${idBase}-estimatedAge`} label={t('member.estimatedAge')} error={errorAt('estimatedAge')}>
          {(a11y) => (
            <input
              {...a11y}
              type="number"
              inputMode="numeric"
              min={0}
              max={120}
              {...register(`${base}.estimatedAge`, { setValueAs: ageFromInput })}
            />
          )}
        </Field>
        <Field id={`${idBase}-sex`} label={t('member.sex')} error={errorAt('sex')}>
          {(a11y) => (
            <select {...a11y} {...register(`${base}.sex`)}>
              <option value="">{t('form.choose')}</option>
              {SEXES.map((sex) => (
                <option key={sex} value={sex}>
                  {t(`sex.${sex}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${idBase}-relationship`} label={t('member.relationship')} error={errorAt('relationship')}>
          {(a11y) => (
            <select {...a11y} {...register(`${base}.relationship`)}>
              <option value="">{t('form.choose')}</option>
              {RELATIONSHIPS.map((relationship) => (
                <option key={relationship} value={relationship}>
                  {t(`relationship.${relationship}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${idBase}-nationality`} label={t('member.nationality')} error={errorAt('nationality')}>
          {(a11y) => (
            <CountrySelect
              {...a11y}
              emptyLabel={t('member.nationalityUnknown')}
              {...register(`${base}.nationality`)}
            />
          )}
        </Field>
      </div>
      <Controller
        control={control}
        name={`${base}.languages`}
        render={({ field, fieldState }) => (
          <LanguagePicker
            id={`${idBase}-languages`}
            value={field.value ?? []}
            onChange={field.onChange}
            error={errorText(fieldState.error)}
          />
        )}
      />
      <CheckboxField
        id={`${idBase}-interpreterNeeded`}
        label={t('member.interpreterNeeded')}
        {...register(`${base}.interpreterNeeded`)}
      />
      <MemberSensitiveFields index={index} />
      <div className="member__actions">
        <button type="button" className="button button--danger" onClick={onRemove}>
          {t('form.removeMember', { name: displayName })}
        </button>
      </div>
    </fieldset>
  );
}
