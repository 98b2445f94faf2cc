import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useSaveFailureText } from '../../app/useSaveFailureText';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { todayIsoDate } from '../../app/format';
import type { LegStatus } from '../../domain/travel';
import { changeLegStatus } from '../travel/operations';
import { DriverLegCard } from './DriverLegCard';
import { useDayLegs } from './useDayLegs';
import './driver.css';

/**
 * The driver's day on a phone: the day's departures by pick-up time, each
 * with one tap to the next status. Everything reads and writes the device
 * store, so it works with no signal; changes sync when the phone is back online.
 */
export function DriverDayPage() {
  const { t } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const failureText = useSaveFailureText();
  const [day, setDay] = useState(() => todayIsoDate());
  const legs = useDayLegs(day);
  useDocumentTitle(t('driver.title'));
  const [error, setError] = useState<string | undefined>();

  const onStatus = async (legId: string, to: LegStatus) => {
    setError(undefined);
    try {
      await changeLegStatus(db, actor, legId, to);
    } catch (cause) {
      console.error('status change failed', cause);
      setError(failureText(cause, 'driver.statusFailed'));
    }
  };

  return (
    <div className="driver-day">
      <div className="page-heading">
        <h1>{t('driver.title')}</h1>
      </div>
      <div className="driver-day__date">
        <label htmlFor="driver-day">{t('driver.day')}</label>
        <input
          id="driver-day"
          type="date"
          value={day}
          onChange={(e) => e.target.value && setDay(e.target.value)}
        />
      </div>
      {error ? (
        <p className="form-message form-message--error" role="alert">
          {error}
        </p>
      ) : null}
      {legs === undefined ? <p>{t('travel.loading')}</p> : null}
      {legs?.length === 0 ? <p>{t('driver.nothingToday')}</p> : null}
      <ol className="driver-day__list">
        {legs?.map((item) => (
          <li key={item.leg.id}>
            <DriverLegCard item={item} mine={item.leg.driverId === actor.userId} onStatus={onStatus} />
          </li>
        ))}
      </ol>
    </div>
  );
}
