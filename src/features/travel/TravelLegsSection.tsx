import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/dates';
import type { TravelLeg } from '../../domain/travel';
import { LegForm } from './LegForm';
import { LegStatusControl } from './LegStatusControl';
import { useHouseholdLegs } from './useHouseholdLegs';
import { DocumentsSection } from '../documents';

interface TravelLegsSectionProps {
  householdId: string;
  /** The family's size: the seats a new leg starts with. */
  memberCount: number;
  /** Whether this person may add and edit legs. */
  canEdit?: boolean;
  /** Whether this person may open the printable itinerary (it needs the family's members). */
  canPrint?: boolean;
}

/** A family's onward journey on its detail page: the legs, their status, and adding or editing one. */
export function TravelLegsSection({ householdId, memberCount, canEdit = true, canPrint = true }: TravelLegsSectionProps) {
  const { t, i18n } = useTranslation();
  const legs = useHouseholdLegs(householdId);
  const [editing, setEditing] = useState<string | 'new' | undefined>();
  const locale = i18n.language;

  const describe = (leg: TravelLeg) => t('travel.legRoute', { from: leg.departurePlace, to: leg.arrivalPlace });

  return (
    <section aria-labelledby="travel-heading" className="travel-legs">
      <div className="section-heading">
        <h2 id="travel-heading">{t('travel.heading')}</h2>
        {canPrint && legs && legs.length > 0 ? (
          <Link to={`/households/${householdId}/itinerary`} className="button">
            {t('travel.printItinerary')}
          </Link>
        ) : null}
      </div>
      {legs === undefined ? <p>{t('travel.loading')}</p> : null}
      {legs?.length === 0 ? <p>{t('travel.noLegs')}</p> : null}
      <ol className="leg-list">
        {legs?.map((leg) => (
          <li key={leg.id} className="leg-card">
            {editing === leg.id ? (
              <LegForm householdId={householdId} leg={leg} defaultSeats={memberCount} onDone={() => setEditing(undefined)} />
            ) : (
              <>
                <h3>{describe(leg)}</h3>
                <p className="leg-card__carrier">
                  {[t(`travel.modes.${leg.mode}`), leg.carrier].filter(Boolean).join(' · ')}
                </p>
                <dl className="details">
                  <dt>{t('travel.departureAt')}</dt>
                  <dd>{formatDateTime(leg.departureAt, locale)}</dd>
                  {leg.arrivalAt ? (
                    <>
                      <dt>{t('travel.arrivalAt')}</dt>
                      <dd>{formatDateTime(leg.arrivalAt, locale)}</dd>
                    </>
                  ) : null}
                  <dt>{t('travel.bookingReference')}</dt>
                  <dd dir="ltr">{leg.bookingReference || t('travel.none')}</dd>
                  <dt>{t('travel.seats')}</dt>
                  <dd>{leg.seats}</dd>
                  <dt>{t('travel.driver')}</dt>
                  <dd>{leg.driverId ?? t('travel.noDriver')}</dd>
                  {leg.pickupAt ? (
                    <>
                      <dt>{t('travel.pickupAt')}</dt>
                      <dd>
                        {formatDateTime(leg.pickupAt, locale)}
                        {leg.pickupPlace ? `, ${leg.pickupPlace}` : ''}
                      </dd>
                    </>
                  ) : null}
                </dl>
                <LegStatusControl leg={leg} />
                <DocumentsSection collection="travelLegs" record={leg} headingLevel={4} canAdd={canEdit} />
                {canEdit ? (
                  <button type="button" className="button button--quiet" onClick={() => setEditing(leg.id)}>
                    {t('travel.editLeg')}
                  </button>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ol>
      {canEdit && editing === 'new' ? (
        <LegForm householdId={householdId} defaultSeats={memberCount} onDone={() => setEditing(undefined)} />
      ) : null}
      {canEdit && editing !== 'new' ? (
        <button type="button" className="button" onClick={() => setEditing('new')}>
          {t('travel.addLeg')}
        </button>
      ) : null}
    </section>
  );
}
