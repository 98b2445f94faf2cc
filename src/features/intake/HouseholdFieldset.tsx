import { ARRIVAL_MODES } from '../../domain/household';
import { Field } from '../../ui/Field';
import { useHouseholdFields } from './useHouseholdFields';

/** The household itself: the name it is known by, a phone, and how and when it arrived. */
export function HouseholdFieldset() {
  const { t, register, errorAt } = useHouseholdFields();

  return (
    <fieldset className="form-section">
      <legend>{t('form.householdSection')}</legend>
      <div className="field-grid">
        <Field
          id="household-familyName"
          label={t('form.familyName')}
          hint={t('form.familyNameHint')}
          error={errorAt('familyName')}
        >
          {(a11y) => <input {...a11y} type="text" autoComplete="off" {...register('familyName')} />}
        </Field>
        <Field id="household-contactPhone" label={t('form.contactPhone')} error={errorAt('contactPhone')}>
          {(a11y) => (
            <input {...a11y} type="tel" inputMode="tel" autoComplete="off" {...register('contactPhone')} />
          )}
        </Field>
        <Field id="household-arrivalDate" label={t('form.arrivalDate')} error={errorAt('arrivalDate')}>
          {(a11y) => <input {...a11y} type="date" {...register('arrivalDate')} />}
        </Field>
        <Field id="household-arrivalMode" label={t('form.arrivalMode')} error={errorAt('arrivalMode')}>
          {(a11y) => (
            <select {...a11y} {...register('arrivalMode')}>
              <option value="">{t('form.choose')}</option>
              {ARRIVAL_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`arrivalMode.${mode}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </fieldset>
  );
}
