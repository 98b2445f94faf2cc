import { Link } from 'react-router';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/dates';
import type { HouseholdDraftInput } from '../../domain/householdDraft';
import { useDuplicateCandidates } from './useDuplicateCandidates';

/**
 * Beside a member's name in the intake form: a warning when the person typed
 * may already be registered (likely: the same date of birth; possible: the
 * same name with no date of birth to compare), linking to that family (in a
 * new tab, so the form being filled in is kept). A polite live region, so a
 * screen reader announces it without interrupting the typing.
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
      ...(member?.nationality ? { nationality: member.nationality } : {}),
      identifiers: (member?.identifiers ?? []).filter((id) => id.value.trim() !== ''),
    },
    ownHouseholdId,
  );
  // The live region stays in the page, empty, so what appears in it is announced.
  return (
    <div className="duplicate-status" role="status" id={`member-${index}-duplicates`}>
      {candidates.length > 0 ? (
        <div className="duplicate-warning">
          <p className="duplicate-warning__title">
            <span aria-hidden="true" className="duplicate-warning__icon">
              !
            </span>
            {t('duplicates.title')}
          </p>
          <ul>
            {candidates.map(({ person, household, score }) => (
              <li key={person.id}>
                {t(
                  score.level === 'definite'
                    ? 'duplicates.sameIdentifier'
                    : score.level === 'likely'
                      ? 'duplicates.likely'
                      : 'duplicates.possible',
                  {
                    name: `${person.givenName} ${person.familyName}`.trim(),
                    born: person.dateOfBirth
                      ? formatDate(person.dateOfBirth, i18n.language)
                      : t('duplicates.bornUnknown'),
                  },
                )}{' '}
                {household ? (
                  <Link to={`/households/${household.id}`} target="_blank" rel="noopener">
                    {t('duplicates.openFamily', { family: household.familyName })}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
