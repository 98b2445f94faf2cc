import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../ui/dates';
import {
  canChangeLegStatus,
  legDestinationText,
  nextLegStatus,
  pickupTimeOf,
  type LegStatus,
  type TravelLeg,
} from '../../domain/travel';
import type { DayLeg } from '../travel';
import { DocumentsSection } from '../documents';

interface DriverLegCardProps {
  item: DayLeg;
  mine: boolean;
  onStatus: (leg: TravelLeg, familyName: string, to: LegStatus) => Promise<void>;
}

/** One pick-up on the driver's day: who, how many, where to, when, the ticket, and one tap for the next step. */
export function DriverLegCard({ item, mine, onStatus }: DriverLegCardProps) {
  const { t, i18n } = useTranslation();
  const { leg, household } = item;
  const [busy, setBusy] = useState(false);
  const next = nextLegStatus(leg.status);
  const noShow = leg.status !== 'no_show' && canChangeLegStatus(leg.status, 'no_show');
  const locale = i18n.language;
  const familyName = household?.familyName ?? t('driver.unknownFamily');
  // A driver's record of the family may lack any field but its name (domain/access.ts): read each with care.
  const destination = legDestinationText(leg.arrivalPlace, household?.destination?.city);
  const phone = household?.contactPhone;
  const headingId = `driver-leg-${leg.id}`;

  const tap = async (to: LegStatus) => {
    setBusy(true);
    try {
      await onStatus(leg, familyName, to);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className={`driver-leg driver-leg--${leg.status}`} aria-labelledby={headingId} data-leg-id={leg.id}>
      <header className="driver-leg__head">
        <time className="driver-leg__time" dateTime={pickupTimeOf(leg)}>
          {formatTime(pickupTimeOf(leg), locale)}
        </time>
        <h2 id={headingId} className="driver-leg__family">
          {household ? <Link to={`/households/${household.id}`}>{familyName}</Link> : familyName}
        </h2>
        <span className={`status-badge status-badge--${leg.status}`}>{t(`travel.statuses.${leg.status}`)}</span>
      </header>
      <dl className="driver-leg__facts">
        <dt>{t('driver.party')}</dt>
        <dd>{t('driver.seats', { count: leg.seats })}</dd>
        <dt>{t('driver.pickup')}</dt>
        <dd>{leg.pickupPlace || t('driver.pickupAtCenter')}</dd>
        <dt>{t('driver.departs')}</dt>
        <dd>
          {t('driver.departsFrom', { time: formatTime(leg.departureAt, locale), place: leg.departurePlace })}
          {' · '}
          {[t(`travel.modes.${leg.mode}`), leg.carrier].filter(Boolean).join(' ')}
        </dd>
        <dt>{t('driver.destination')}</dt>
        <dd className="driver-leg__destination">{destination}</dd>
        <dt>{t('travel.bookingReference')}</dt>
        <dd dir="ltr" className="driver-leg__booking">
          {leg.bookingReference || t('travel.none')}
        </dd>
        {phone ? (
          <>
            <dt>{t('driver.phone')}</dt>
            <dd className="driver-leg__phone">
              <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} dir="ltr">
                {phone}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {mine ? <p className="driver-leg__mine">{t('driver.assignedToYou')}</p> : null}
      {/* The ticket: kept on a driver's device for offline use (sync/attachmentDownloads.ts). */}
      <DocumentsSection collection="travelLegs" record={leg} headingLevel={3} canAdd={false} />
      <div className="driver-leg__actions">
        {next ? (
          <button
            type="button"
            className="button button--primary driver-leg__next"
            disabled={busy}
            onClick={() => void tap(next)}
          >
            {t(`driver.mark.${next}`)}
          </button>
        ) : null}
        {noShow ? (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void tap('no_show')}>
            {t('driver.mark.no_show')}
          </button>
        ) : null}
      </div>
    </article>
  );
}
