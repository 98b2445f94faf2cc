import type { ComponentType } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { countryName } from '../../domain/countries';
import { isFullHousehold, NEEDS, type HouseholdRecord } from '../../domain/household';
import type { Person } from '../../domain/person';
import { householdReference } from '../../domain/householdReference';
import { formatDate } from '../../ui/dates';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PendingMark } from '../../ui/PendingMark';
import { MemberDetails } from './MemberDetails';
import { ReducedHouseholdDetail } from './ReducedHouseholdDetail';
import { useHouseholdDetail } from './useHouseholdDetail';
import { useReportSensitiveRead } from '../audit';
import { RecordHistoryLink } from '../history';
import { DocumentsSection } from '../documents';
import { PersonRequestLink } from '../requests';

/**
 * What other features add to a family's page (travel, milestones, notes, tasks, merge). The app's routes pass
 * them in (src/app/lazyScreens.tsx), so intake imports none of those features.
 */
export type FamilySections = ComponentType<{ household: HouseholdRecord; members: readonly Person[] }>;

/** Everything recorded about one family, including its members' sensitive details. */
export function HouseholdDetailPage({ sections: Sections }: { sections: FamilySections }) {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const justSaved = (location.state as { saved?: boolean } | null)?.saved === true;
  const { household, members, sensitiveBySubject, pending, loading } = useHouseholdDetail(id);
  // The server's audit log must know this person opened the family's sensitive details (queued offline).
  useReportSensitiveRead('households', household?.id);
  useDocumentTitle(household?.familyName ?? (loading ? t('detail.loading') : t('app.notFoundTitle')));

  if (!household) {
    return loading ? (
      <h1>{t('detail.loading')}</h1>
    ) : (
      <>
        <h1>{t('app.notFoundTitle')}</h1>
        <p>{t('detail.notFound')}</p>
        <Link to="/">{t('app.backToFamilies')}</Link>
      </>
    );
  }
  // A role with a field grant (a driver) holds only part of the record: show that part, nothing to edit.
  if (!isFullHousehold(household))
    return <ReducedHouseholdDetail household={household} pending={pending} sections={Sections} />;

  const locale = i18n.language;
  const householdSensitive = sensitiveBySubject[household.id];
  const needs = NEEDS.filter((need) => household.needs[need]);
  const destination = [
    household.destination.city,
    household.destination.region,
    household.destination.country ? countryName(household.destination.country, locale) : undefined,
  ].filter(Boolean);
  const sponsor = household.sponsor;
  const notRecorded = t('detail.notRecorded');

  return (
    <article className="household-detail">
      {justSaved ? (
        <p className="form-message form-message--success" role="status">
          {t('detail.saved')}
        </p>
      ) : null}
      <div className="page-heading">
        <h1>{household.familyName}</h1>
        {pending ? <PendingMark label={t('pending.mark')} description={t('pending.description')} /> : null}
        <RecordHistoryLink collection="households" id={household.id} />
        <PersonRequestLink subject={{ collection: 'households', id: household.id }} />
        <Link to={`/households/${household.id}/card`} className="button">
          {t('card.open')}
        </Link>
        <Link to={`/households/${household.id}/edit`} className="button button--primary">
          {t('detail.edit')}
        </Link>
      </div>
      <dl className="details">
        <dt>{t('card.referenceLabel')}</dt>
        <dd dir="ltr" className="details__reference">
          {householdReference(household.id)}
        </dd>
        <dt>{t('detail.arrival')}</dt>
        <dd>
          {t('detail.arrivedOn', {
            date: formatDate(household.arrivalDate, locale),
            mode: t(`arrivalMode.${household.arrivalMode}`),
          })}
        </dd>
        <dt>{t('detail.contactPhone')}</dt>
        <dd dir={household.contactPhone ? 'ltr' : undefined}>{household.contactPhone ?? notRecorded}</dd>
        <dt>{t('form.needsSection')}</dt>
        <dd>{needs.length ? needs.map((need) => t(`needs.${need}`)).join(', ') : t('detail.none')}</dd>
        <dt>{t('detail.destination')}</dt>
        <dd>{destination.length ? destination.join(', ') : notRecorded}</dd>
        <dt>{t('detail.sponsor')}</dt>
        <dd>
          {sponsor.name || sponsor.phone || sponsor.address ? (
            <>
              {[sponsor.name, sponsor.relationship].filter(Boolean).join(', ')}
              {sponsor.phone ? (
                <>
                  <br />
                  <span dir="ltr">{sponsor.phone}</span>
                </>
              ) : null}
              {sponsor.address ? (
                <>
                  <br />
                  {sponsor.address}
                </>
              ) : null}
            </>
          ) : (
            notRecorded
          )}
        </dd>
        <dt>{t('detail.consent')}</dt>
        <dd>
          {t('form.consentDataSharing')}: {household.consent.dataSharing ? t('detail.yes') : t('detail.no')}
          <br />
          {t('form.consentPhoto')}: {household.consent.photo ? t('detail.yes') : t('detail.no')}
        </dd>
        {householdSensitive?.notes ? (
          <>
            <dt>{t('form.notes')}</dt>
            <dd className="details__text">{householdSensitive.notes}</dd>
          </>
        ) : null}
        {householdSensitive?.protectionNotes ? (
          <>
            <dt>{t('form.protectionNotes')}</dt>
            <dd className="details__text">{householdSensitive.protectionNotes}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t('detail.members')}</h2>
        <ul className="member-details-list">
          {members.map((member) => (
            <li key={member.id}>
              <MemberDetails person={member} sensitive={sensitiveBySubject[member.id]} />
            </li>
          ))}
        </ul>
      </section>
      <DocumentsSection collection="households" record={household} />
      <Sections household={household} members={members} />
    </article>
  );
}
