import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMayCoordinate } from '../coordination';

/** "History" on a record's page, for the roles that may read the audit log. */
export function RecordHistoryLink({ collection, id }: { collection: string; id: string }) {
  const { t } = useTranslation();
  if (!useMayCoordinate('history')) return null;
  return (
    <Link to={`/history/${collection}/${id}`} className="button">
      {t('history.link')}
    </Link>
  );
}
