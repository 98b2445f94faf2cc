import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Subject } from '../../domain/erasure';
import { useMayCoordinate } from '../coordination';

/** The requests screen's address for a subject: the family, or one of its members. */
export function requestPath(subject: Subject): string {
  const key = subject.collection === 'households' ? 'household' : 'person';
  return `/requests?${key}=${encodeURIComponent(subject.id)}`;
}

/**
 * "A person's request" for coordinators: see or erase what is held about a
 * family (on its page) or about one member (beside the member, by name).
 */
export function PersonRequestLink({ subject, name }: { subject: Subject; name?: string }) {
  const { t } = useTranslation();
  if (!useMayCoordinate('requests')) return null;
  return (
    <Link to={requestPath(subject)} className="button">
      {subject.collection === 'people' && name ? t('requests.memberLink', { name }) : t('requests.link')}
    </Link>
  );
}
