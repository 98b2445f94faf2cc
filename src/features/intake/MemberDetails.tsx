import { useTranslation } from 'react-i18next';
import { countryName } from '../../domain/countries';
import { languageName } from '../../domain/languages';
import { ageInYears, type Person } from '../../domain/person';
import type { Sensitive } from '../../domain/sensitive';
import { formatDate } from '../../ui/dates';
import { DocumentsSection } from '../documents';
import { PersonRequestLink } from '../requests';

interface MemberDetailsProps {
  person: Person;
  /** Absent when this device's role does not receive sensitive records. */
  sensitive?: Pick<Sensitive, 'identifiers' | 'medicalFlags' | 'medicalNotes'> | undefined;
}

/** One person as recorded: identity, languages, identity papers, health, and the member's own documents. */
export function MemberDetails({ person, sensitive }: MemberDetailsProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const name = [person.givenName, person.familyName].filter(Boolean).join(' ');
  // An estimate as of today: it was made on its own day (ageEstimatedOn) and ages with the person.
  const estimatedAge =
    person.estimatedAge !== undefined ? (ageInYears(person, new Date().toISOString().slice(0, 10)) ?? 0) : undefined;
  const age = person.dateOfBirth
    ? formatDate(person.dateOfBirth, locale)
    : estimatedAge === undefined
      ? t('detail.notRecorded')
      : estimatedAge === 0
        ? t('member.underOneYear') // "about 0 years" reads as a mistake
        : t('member.estimatedAgeYears', { count: estimatedAge });

  return (
    <section className="member-details" aria-label={name}>
      <h3>
        {name}{' '}
        <span className="member-details__relationship">({t(`relationship.${person.relationship}`)})</span>
      </h3>
      <dl className="details">
        <dt>{person.dateOfBirth ? t('member.dateOfBirth') : t('member.age')}</dt>
        <dd>{age}</dd>
        <dt>{t('member.sex')}</dt>
        <dd>{t(`sex.${person.sex}`)}</dd>
        <dt>{t('member.nationality')}</dt>
        <dd>{person.nationality ? countryName(person.nationality, locale) : t('detail.notRecorded')}</dd>
        <dt>{t('member.languages')}</dt>
        <dd>
          {person.languages.length
            ? person.languages.map((code) => languageName(code, locale)).join(', ')
            : t('detail.notRecorded')}
        </dd>
        <dt>{t('detail.interpreter')}</dt>
        <dd>{person.interpreterNeeded ? t('detail.yes') : t('detail.no')}</dd>
        {sensitive ? (
          <>
            <dt>{t('member.identifiers')}</dt>
            <dd>
              {sensitive.identifiers.length ? (
                <ul className="plain-list">
                  {sensitive.identifiers.map((identifier, index) => (
                    <li key={`${identifier.type}-${index}`}>
                      {t(`identifierType.${identifier.type}`)}: <span dir="ltr">{identifier.value}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                t('detail.none')
              )}
            </dd>
            <dt>{t('member.medicalFlags')}</dt>
            <dd>
              {sensitive.medicalFlags.length
                ? sensitive.medicalFlags.map((flag) => t(`medicalFlag.${flag}`)).join(', ')
                : t('detail.none')}
            </dd>
            {sensitive.medicalNotes ? (
              <>
                <dt>{t('member.medicalNotes')}</dt>
                <dd className="details__text">{sensitive.medicalNotes}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      <DocumentsSection collection="people" record={person} headingLevel={4} />
      <p>
        <PersonRequestLink subject={{ collection: 'people', id: person.id }} name={name} />
      </p>
    </section>
  );
}
