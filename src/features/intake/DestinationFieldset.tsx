import { SPONSOR_ADDRESS_MAX_LENGTH } from '../../domain/household';
import { Field } from '../../ui/Field';
import { CountrySelect } from './CountrySelect';
import { HouseholdTextArea } from './HouseholdTextArea';
import { useHouseholdFields } from './useHouseholdFields';

/** Optional text fields are stored as absent, not as empty strings. */
function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Where the family is going, and who is waiting for them there. */
export function DestinationFieldset() {
  const { t, register, errorAt } = useHouseholdFields();

  return (
    <fieldset className="form-section">
      <legend>{t('form.destinationSection')}</legend>
      <div className="field-grid">
        <Field id="destination-city" label={t('form.destinationCity')} error={errorAt('destination.city')}>
          {(a11y) => (
            <input {...a11y} type="text" {...register('destination.city', { setValueAs: optionalText })} />
          )}
        </Field>
        <Field
          id="destination-region"
          label={t('form.destinationRegion')}
          error={errorAt('destination.region')}
        >
          {(a11y) => (
            <input {...a11y} type="text" {...register('destination.region', { setValueAs: optionalText })} />
          )}
        </Field>
        <Field
          id="destination-country"
          label={t('form.destinationCountry')}
          error={errorAt('destination.country')}
        >
          {(a11y) => (
            <CountrySelect
              {...a11y}
              emptyLabel={t('form.notKnown')}
              {...register('destination.country', { setValueAs: optionalText })}
            />
          )}
        </Field>
      </div>
      <h3 className="subheading">{t('form.sponsorHeading')}</h3>
      <div className="field-grid">
        <Field id="sponsor-name" label={t('form.sponsorName')} error={errorAt('sponsor.name')}>
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              autoComplete="off"
              {...register('sponsor.name', { setValueAs: optionalText })}
            />
          )}
        </Field>
        <Field
          id="sponsor-relationship"
          label={t('form.sponsorRelationship')}
          error={errorAt('sponsor.relationship')}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              autoComplete="off"
              {...register('sponsor.relationship', { setValueAs: optionalText })}
            />
          )}
        </Field>
        <Field id="sponsor-phone" label={t('form.sponsorPhone')} error={errorAt('sponsor.phone')}>
          {(a11y) => (
            <input
              {...a11y}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              {...register('sponsor.phone', { setValueAs: optionalText })}
            />
          )}
        </Field>
        <HouseholdTextArea
          id="sponsor-address"
          name="sponsor.address"
          label={t('form.sponsorAddress')}
          className="field--wide"
          max={SPONSOR_ADDRESS_MAX_LENGTH}
          rows={2}
          setValueAs={optionalText}
        />
      </div>
    </fieldset>
  );
}
