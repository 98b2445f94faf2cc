import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../domain/calls';
import { languageName } from '../../domain/languages';
import { CallbackHistory } from './CallbackHistory';

/** A call a call-back closed: what the caller needed, and every call-back recorded on it. */
export function DoneCallCard({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <li className="queue-item queue-item--done" aria-labelledby={`${id}-summary`}>
      <p id={`${id}-summary`} className="household-card__name">
        {call.summary}
      </p>
      <p className="household-card__meta">
        {t(`helpline.categories.${call.category}`)} · {languageName(call.callerLanguage, i18n.language)}
      </p>
      <h3 className="queue-item__history-heading">{t('queue.callbacks')}</h3>
      <CallbackHistory call={call} />
    </li>
  );
}
