import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/useNow';

function elapsed(fromIso: string, to: Date): string {
  const seconds = Math.max(0, Math.floor((to.getTime() - Date.parse(fromIso)) / 1000));
  const mm = String(Math.floor(seconds / 60)).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return `${mm}:${ss}`;
}

/** The running length of the call; stops when the agent ends it. */
export function CallTimer({
  startedAt,
  endedAt,
  onEnd,
}: {
  startedAt: string;
  endedAt?: string | undefined;
  onEnd: () => void;
}) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const shown = elapsed(startedAt, endedAt ? new Date(endedAt) : now);
  return (
    <div className="call-timer">
      <span aria-label={t('helpline.duration')} role="timer" dir="ltr">
        {shown}
      </span>
      {endedAt ? (
        <span className="field__hint">{t('helpline.callEnded')}</span>
      ) : (
        <button type="button" className="button" onClick={onEnd}>
          {t('helpline.endCall')}
        </button>
      )}
    </div>
  );
}
