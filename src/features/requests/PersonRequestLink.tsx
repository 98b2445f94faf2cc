import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMayCoordinate } from '../coordination/access';

/** "A person's request" on a household's page, for coordinators: see or erase what is held about the family. */
export function PersonRequestLink({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  if (!useMayCoordinate('requests')) return null;
  return (
    <Link to={`/requests?household=${encodeURIComponent(householdId)}`} className="button">
      {t('requests.link')}
    </Link>
  );
}
