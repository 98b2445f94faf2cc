import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useSaveFailureText } from '../../app/useSaveFailureText';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDate, todayIsoDate } from '../../app/format';
import type { LegStatus, TravelLeg } from '../../domain/travel';
import { changeLegStatus, undoLegStatus } from '../travel';
import { DriverLegCard } from './DriverLegCard';
import { useDayLegs } from './useDayLegs';
import './driver.css';

/** How long a status tap can be taken back: long enough to notice a slip in a moving van. */
export const UNDO_WINDOW_MS = 60_000;

interface LastTap {
  legId: string;
  familyName: string;
  tapped: LegStatus;
  previous: LegStatus;
}

/**
 * The driver's day on a phone: the day's departures by pick-up time, each
 * with one tap to the next status, and a minute to undo a tap. Everything
 * reads and writes the device store, so it works with no signal; changes
 * (an undo too) sync when the phone is back online.
 */
export function DriverDayPage() {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const failureText = useSaveFailureText();
  const [day, setDay] = useState(() => todayIsoDate());
  const legs = useDayLegs(day);
  const isToday = day === todayIsoDate();
  const title = isToday ? t('driver.title') : t('driver.titleOn', { date: formatDate(day, i18n.language) });
  useDocumentTitle(title);
  const [error, setError] = useState<string | undefined>();
  const [lastTap, setLastTap] = useState<LastTap | undefined>();

  useEffect(() => {
    if (!lastTap) return;
    const timer = setTimeout(() => setLastTap(undefined), UNDO_WINDOW_MS);
    return () => clearTimeout(timer);
  }, [lastTap]);

  const onStatus = async (leg: TravelLeg, familyName: string, to: LegStatus) => {
    setError(undefined);
    try {
      await changeLegStatus(db, actor, leg.id, to);
      setLastTap({ legId: leg.id, familyName, tapped: to, previous: leg.status });
    } catch (cause) {
      console.error('status change failed', cause);
      setError(failureText(cause, 'driver.statusFailed'));
    }
  };

  const undo = async (tap: LastTap) => {
    setError(undefined);
    setLastTap(undefined);
    try {
      await undoLegStatus(db, actor, tap.legId, tap);
    } catch (cause) {
      console.error('undoing the status change failed', cause);
      setError(failureText(cause, 'driver.undoFailed'));
    }
  };

  return (
    <div className="driver-day">
      <div className="page-heading">
        <h1>{title}</h1>
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
      <div className="driver-day__undo" role="status">
        {lastTap ? (
          <>
            <span>
              {t('driver.marked', { family: lastTap.familyName, status: t(`travel.statuses.${lastTap.tapped}`) })}
            </span>
            <button type="button" className="button" onClick={() => void undo(lastTap)}>
              {t('driver.undo')}
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
}
