import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/dates';
import { useHouseholdDetail } from '../intake';

/** What the agent may tell a verified caller about their family's record. */
export function LinkedRecordSummary({ householdId }: { householdId: string }) {
  const { t, i18n } = useTranslation();
  const { household, members, loading } = useHouseholdDetail(householdId);
  if (loading) return <p>{t('verification.loading')}</p>;
  if (!household) return <p>{t('helpline.recordMissing')}</p>;
  return (
    <dl className="details" aria-label={t('helpline.linkedRecord')}>
      <dt>{t('helpline.familyName')}</dt>
      <dd>{household.familyName}</dd>
      {household.contactPhone ? (
        <>
          <dt>{t('helpline.contactPhone')}</dt>
          <dd dir="ltr">{household.contactPhone}</dd>
        </>
      ) : null}
      <dt>{t('helpline.members')}</dt>
      <dd>
        <ul className="plain-list">
          {members.map((member) => (
            <li key={member.id}>
              {member.givenName} {member.familyName}
              {member.dateOfBirth ? ` — ${formatDate(member.dateOfBirth, i18n.language)}` : ''}
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}
