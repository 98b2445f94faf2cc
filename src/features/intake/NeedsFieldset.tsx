import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { NEEDS } from '../../domain/household';
import type { HouseholdDraftInput } from '../../domain/householdDraft';
import { CheckboxField } from '../../ui/CheckboxField';

/** What the family needs right away, as a checklist for the volunteers on shift. */
export function NeedsFieldset() {
  const { t } = useTranslation();
  const { register } = useFormContext<HouseholdDraftInput>();
  return (
    <fieldset className="form-section">
      <legend>{t('form.needsSection')}</legend>
      <div className="checkbox-grid">
        {NEEDS.map((need) => (
          <CheckboxField
            key={need}
            id={`need-${need}`}
            label={t(`needs.${need}`)}
            {...register(`needs.${need}`)}
          />
        ))}
      </div>
    </fieldset>
  );
}
