import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useNow } from '../../app/useNow';
import { formatDateTime } from '../../ui/dates';
import { DUE_SOON_DAYS } from '../../domain/deadlines';
import { DAY_MS } from '../../domain/utcTime';
import { DueBadge } from './DueBadge';
import { useDueMilestones } from './hooks';

/** Every family's upcoming milestones that are overdue or due within 14 days, most urgent first. */
export function DueSoonPage() {
  const { t, i18n } = useTranslation();
  const now = useNow(60_000);
  // Rounded to the minute so the live query is not rebuilt on every render.
  const until = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + DUE_SOON_DAYS * DAY_MS).toISOString();
  const due = useDueMilestones(until);
  useDocumentTitle(t('cases.dueTitle'));

  return (
    <>
      <h1>{t('cases.dueTitle')}</h1>
      <p>{t('cases.dueIntro', { days: DUE_SOON_DAYS })}</p>
      {due === undefined ? <p>{t('travel.loading')}</p> : null}
      {due?.length === 0 ? <p>{t('cases.nothingDue')}</p> : null}
      <ul className="due-list">
        {due?.map(({ milestone, familyName }) => (
          <li key={milestone.id}>
            <DueBadge dueAt={milestone.dueAt} now={now} /> <strong>{t(`cases.kinds.${milestone.kind}`)}</strong> —{' '}
            <Link to={`/households/${milestone.householdId}`}>{familyName ?? t('cases.unknownFamily')}</Link>
            <br />
            {formatDateTime(milestone.dueAt, i18n.language)}
            {milestone.place ? ` · ${milestone.place}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}
