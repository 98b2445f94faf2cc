import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { formatDateTime } from '../../ui/dates';
import { LEG_TRANSITIONS, legHistory, type LegStatus, type TravelLeg } from '../../domain/travel';
import { changeLegStatus } from './operations';

/** Changes a leg's status to one the transition table allows; shows who changed it and when. */
export function LegStatusControl({ leg }: { leg: TravelLeg }) {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const choices = LEG_TRANSITIONS[leg.status];
  const [next, setNext] = useState<LegStatus | ''>('');
  const selectId = `leg-${leg.id}-status`;

  const apply = async () => {
    if (!next) return;
    await changeLegStatus(db, actor, leg.id, next);
    setNext('');
  };

  return (
    <div className="leg-status">
      <p>
        {t('travel.status')}: <strong className={`status-badge status-badge--${leg.status}`}>{t(`travel.statuses.${leg.status}`)}</strong>
      </p>
      {choices.length ? (
        <div className="leg-status__change">
          <label htmlFor={selectId}>{t('travel.changeStatusTo')}</label>
          <select id={selectId} value={next} onChange={(e) => setNext(e.target.value as LegStatus | '')}>
            <option value="">{t('travel.chooseStatus')}</option>
            {choices.map((status) => (
              <option key={status} value={status}>
                {t(`travel.statuses.${status}`)}
              </option>
            ))}
          </select>
          <button type="button" className="button" disabled={!next} onClick={() => void apply()}>
            {t('travel.applyStatus')}
          </button>
        </div>
      ) : null}
      <details className="leg-status__history">
        <summary>{t('travel.history')}</summary>
        <ol>
          {legHistory(leg).map((change) => (
            <li key={change.id}>
              {t('travel.historyEntry', {
                status: t(`travel.statuses.${change.status}`),
                by: change.by === actor.userId ? t('travel.you') : change.by,
                at: formatDateTime(change.at, i18n.language),
              })}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
