import { useTranslation } from 'react-i18next';
import { textDirection, type InterfaceLanguage } from '../../app/i18n';
import type { Household } from '../../domain/household';
import type { Person } from '../../domain/person';
import type { TravelLeg } from '../../domain/travel';
import { formatDayAndTime } from '../../ui/dates';

interface ItineraryDocumentProps {
  language: InterfaceLanguage;
  household: Household;
  members: readonly Person[];
  legs: readonly TravelLeg[];
}

function formatIn(language: string, utc: string): string {
  return formatDayAndTime(utc, language, { showZone: true });
}

/** The itinerary itself, in the family's language (i18next's fixed-language `t`). */
export function ItineraryDocument({ language, household, members, legs }: ItineraryDocumentProps) {
  // The family's language may not be loaded yet (only the interface language is at start-up):
  // this loads it and renders again, instead of printing English in between.
  const { t: ft, ready } = useTranslation(undefined, { lng: language, useSuspense: false });
  if (!ready) return <article className="itinerary" aria-busy="true" lang={language} />;
  const sponsor = household.sponsor;
  const destination = [household.destination.city, household.destination.region].filter(Boolean).join(', ');

  return (
    <article className="itinerary" lang={language} dir={textDirection(language)}>
      <header className="itinerary__header">
        <h2>{ft('itinerary.documentTitle', { family: household.familyName })}</h2>
        {/* First-strong isolates keep a Latin place name in order inside Arabic text. */}
        {destination ? <p>{ft('itinerary.goingTo', { destination: `\u2068${destination}\u2069` })}</p> : null}
      </header>
      <section>
        <h3>{ft('itinerary.whoTravels')}</h3>
        <ul className="itinerary__people">
          {members.map((person) => (
            <li key={person.id}>
              <bdi>{`${person.givenName} ${person.familyName}`.trim()}</bdi>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3>{ft('itinerary.journey')}</h3>
        <ol className="itinerary__legs">
          {legs.map((leg, index) => (
            <li key={leg.id} className="itinerary__leg">
              <h4>
                {ft('itinerary.legNumber', { number: index + 1 })}: {ft(`travel.modes.${leg.mode}`)}
                {leg.carrier ? (
                  <>
                    {' — '}
                    <bdi>{leg.carrier}</bdi>
                  </>
                ) : null}
              </h4>
              <dl>
                {leg.pickupAt ? (
                  <>
                    <dt>{ft('itinerary.pickup')}</dt>
                    <dd>
                      {formatIn(language, leg.pickupAt)}
                      {leg.pickupPlace ? (
                        <>
                          {' — '}
                          <bdi>{leg.pickupPlace}</bdi>
                        </>
                      ) : null}
                    </dd>
                  </>
                ) : null}
                <dt>{ft('itinerary.departs')}</dt>
                <dd>
                  <bdi>{formatIn(language, leg.departureAt)}</bdi> — <bdi>{leg.departurePlace}</bdi>
                </dd>
                <dt>{ft('itinerary.arrives')}</dt>
                <dd>
                  {leg.arrivalAt ? (
                    <>
                      <bdi>{formatIn(language, leg.arrivalAt)}</bdi> —{' '}
                    </>
                  ) : null}
                  <bdi>{leg.arrivalPlace}</bdi>
                </dd>
                <dt>{ft('itinerary.bookingReference')}</dt>
                <dd>
                  <bdi className="itinerary__booking">{leg.bookingReference || '—'}</bdi>
                </dd>
                <dt>{ft('itinerary.seats')}</dt>
                <dd>{leg.seats}</dd>
              </dl>
            </li>
          ))}
        </ol>
      </section>
      <section>
        <h3>{ft('itinerary.sponsor')}</h3>
        {sponsor.name || sponsor.phone || sponsor.address ? (
          <p>
            <bdi>{[sponsor.name, sponsor.relationship].filter(Boolean).join(', ')}</bdi>
            {sponsor.phone ? (
              <>
                <br />
                <bdi className="itinerary__phone">{sponsor.phone}</bdi>
              </>
            ) : null}
            {sponsor.address ? (
              <>
                <br />
                <bdi>{sponsor.address}</bdi>
              </>
            ) : null}
          </p>
        ) : (
          <p>{ft('itinerary.noSponsor')}</p>
        )}
      </section>
      <section className="itinerary__missed">
        <h3>{ft('itinerary.missedTitle')}</h3>
        <ol>
          <li>{ft('itinerary.missedStay')}</li>
          <li>{ft('itinerary.missedCounter')}</li>
          <li>{ft('itinerary.missedCallSponsor')}</li>
          <li>{ft('itinerary.missedKeepPapers')}</li>
        </ol>
      </section>
    </article>
  );
}
