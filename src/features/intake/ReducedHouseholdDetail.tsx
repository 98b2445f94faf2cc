import { useTranslation } from 'react-i18next';
import { countryName } from '../../domain/countries';
import type { HouseholdRecord } from '../../domain/household';
import { householdReference } from '../../domain/householdReference';
import { PendingMark } from '../../ui/PendingMark';
import type { FamilySections } from './HouseholdDetailPage';

/**
 * A family as a role with a field grant holds it (a driver: name, phone,
 * destination, status; domain/access.ts): only what is on the device, no
 * empty intake sections, nothing to edit, and the family's journey.
 */
export function ReducedHouseholdDetail({
  household,
  pending,
  sections: Sections,
}: {
  household: HouseholdRecord;
  pending: boolean;
  sections: FamilySections;
}) {
  const { t, i18n } = useTranslation();
  const destination = [
    household.destination?.city,
    household.destination?.region,
    household.destination?.country ? countryName(household.destination.country, i18n.language) : undefined,
  ].filter(Boolean);
  const phone = household.contactPhone;
  return (
    <article className="household-detail">
      <div className="page-heading">
        <h1>{household.familyName}</h1>
        {pending ? <PendingMark label={t('pending.mark')} description={t('pending.description')} /> : null}
      </div>
      <dl className="details">
        <dt>{t('card.referenceLabel')}</dt>
        <dd dir="ltr">{householdReference(household.id)}</dd>
        {phone ? (
          <>
            <dt>{t('detail.contactPhone')}</dt>
            <dd>
              <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} dir="ltr">
                {phone}
              </a>
            </dd>
          </>
        ) : null}
        {destination.length ? (
          <>
            <dt>{t('detail.destination')}</dt>
            <dd>{destination.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <Sections household={household} members={[]} />
    </article>
  );
}
