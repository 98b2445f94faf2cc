import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useNow } from '../../app/useNow';
import { formatDateTime } from '../../ui/dates';
import { suggestedDeadlines } from '../../domain/deadlines';
import { MILESTONE_TRANSITIONS, type MilestoneStatus } from '../../domain/milestones';
import type { Household } from '../../domain/household';
import type { Person } from '../../domain/person';
import { useHouseholdLegs } from '../travel';
import { DueBadge } from './DueBadge';
import { MilestoneForm } from './MilestoneForm';
import { changeMilestoneStatus, saveMilestone } from './operations';
import { useHouseholdMilestones } from './hooks';
import { DocumentsSection } from '../documents';

interface MilestonesSectionProps {
  household: Household;
  members: readonly Person[];
  canEdit?: boolean;
}

/** A family's asylum milestones, the filing deadlines its records imply, and adding one. */
export function MilestonesSection({ household, members, canEdit = true }: MilestonesSectionProps) {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const now = useNow();
  const milestones = useHouseholdMilestones(household.id);
  const legs = useHouseholdLegs(household.id);
  const [adding, setAdding] = useState(false);
  const names = new Map(members.map((m) => [m.id, `${m.givenName} ${m.familyName}`.trim()]));
  const suggestions = suggestedDeadlines([household.arrivalDate], legs ?? []).filter(
    (s) => !milestones?.some((m) => m.kind === s.kind && m.status !== 'cancelled'),
  );

  return (
    <section aria-labelledby="milestones-heading" className="milestones">
      <h2 id="milestones-heading">{t('cases.milestonesHeading')}</h2>
      {milestones?.length === 0 ? <p>{t('cases.noMilestones')}</p> : null}
      <ul className="milestone-list">
        {milestones?.map((m) => (
          <li key={m.id} className={`milestone milestone--${m.status}`}>
            <strong>{t(`cases.kinds.${m.kind}`)}</strong>
            {m.personId && names.get(m.personId) ? ` — ${names.get(m.personId)}` : ''}
            <br />
            {formatDateTime(m.dueAt, i18n.language)}
            {m.place ? ` · ${m.place}` : ''} · {t(`cases.statuses.${m.status}`)}{' '}
            {m.status === 'upcoming' ? <DueBadge dueAt={m.dueAt} now={now} /> : null}
            {m.notes ? <p className="details__text">{m.notes}</p> : null}
            <DocumentsSection collection="milestones" record={m} headingLevel={3} canAdd={canEdit} />
            {canEdit ? (
              <span className="milestone__actions">
                {MILESTONE_TRANSITIONS[m.status].map((to: MilestoneStatus) => (
                  <button
                    key={to}
                    type="button"
                    className="button button--quiet"
                    onClick={() => void changeMilestoneStatus(db, actor, m.id, to)}
                  >
                    {t(`cases.markAs.${to}`)}
                  </button>
                ))}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit && suggestions.length > 0 ? (
        <div className="milestone-suggestions">
          <h3>{t('cases.suggestedHeading')}</h3>
          <ul>
            {suggestions.map((s) => (
              <li key={s.kind}>
                {t('cases.suggested', { kind: t(`cases.kinds.${s.kind}`), date: formatDateTime(s.dueAt, i18n.language) })}{' '}
                <button
                  type="button"
                  className="button"
                  onClick={() => void saveMilestone(db, actor, { householdId: household.id, kind: s.kind, dueAt: s.dueAt })}
                >
                  {t('cases.addSuggested')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {canEdit && adding ? <MilestoneForm householdId={household.id} members={members} onDone={() => setAdding(false)} /> : null}
      {canEdit && !adding ? (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          {t('cases.addMilestone')}
        </button>
      ) : null}
    </section>
  );
}
