import { Link } from 'react-router';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import type { HouseholdDraftInput } from '../../domain/householdDraft';
import { useDuplicateCandidates } from './useDuplicateCandidates';

/**
 * Under a member in the intake form: a warning when the person typed is
 * likely already registered, linking to that family (in a new tab, so the
 * form being filled in is kept).
 */
export function DuplicateWarning({ index }: { index: number }) {
  const { t, i18n } = useTranslation();
  const { control } = useFormContext<HouseholdDraftInput>();
  const member = useWatch({ control, name: `members.${index}` });
  const ownHouseholdId = useWatch({ control, name: 'id' });
  const candidates = useDuplicateCandidates(
    {
      givenName: member?.givenName ?? '',
      familyName: member?.familyName ?? '',
      ...(member?.dateOfBirth ? { dateOfBirth: member.dateOfBirth } : {}),
      ...(member?.estimatedAge !== undefined ? { estimatedAge: member.estimatedAge } : {}),
      ...(member?.sex ? { sex: member.sex } : {}),
      identifiers: (member?.identifiers ?? []).filter((id) => id.value.trim() !== ''),
    },
    ownHouseholdId,
  );
  if (candidates.length === 0) return null;

  return (
    <div className="duplicate-warning" role="status">
      <p className="duplicate-warning__title">{t('duplicates.title')}</p>
      <ul>
        {candidates.map(({ person, household, score }) => (
          <li key={person.id}>
            {t(score.level === 'definite' ? 'duplicates.sameIdentifier' : 'duplicates.likely', {
              name: `${person.givenName} ${person.familyName}`.trim(),
              born: person.dateOfBirth ? formatDate(person.dateOfBirth, i18n.language) : t('duplicates.bornUnknown'),
            })}{' '}
            {household ? (
              <Link to={`/households/${household.id}`} target="_blank" rel="noopener">
                {t('duplicates.openFamily', { family: household.familyName })}
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
