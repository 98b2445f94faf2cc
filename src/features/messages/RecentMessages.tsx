import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecentMessagesResponse } from '../../sync/api/messages';
import { formatDateTime } from '../../ui/dates';
import { api } from '../../sync/apiClient';

/**
 * For an administrator: the messages last queued, sent or changed, each with
 * its state, and, when the server uses the log provider, the text it wrote
 * instead of sending (kept by the server across restarts).
 */
export function RecentMessages({ refreshKey }: { refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const [answer, setAnswer] = useState<RecentMessagesResponse | undefined>();
  const [error, setError] = useState(false);
  useEffect(() => {
    api.messages.recent().then(
      (next) => {
        setAnswer(next);
        setError(false);
      },
      () => setError(true),
    );
  }, [refreshKey]);
  const texts = new Map((answer?.logged ?? []).map((m) => [m.key, m]));
  return (
    <section aria-labelledby="recent-messages-heading">
      <h2 id="recent-messages-heading">{t('messages.page.recent')}</h2>
      {answer?.provider === 'log' ? <p className="field__hint">{t('messages.page.logProvider')}</p> : null}
      {error ? <p role="alert">{t('messages.page.loadFailed')}</p> : null}
      {answer?.messages.length === 0 ? <p>{t('messages.page.noRecent')}</p> : null}
      <ul className="message-failures">
        {answer?.messages.map((m) => {
          const logged = texts.get(m.key);
          return (
            <li key={m.key} data-testid="recent-message" data-state={m.state}>
              <strong>{t(`messages.kinds.${m.kind}`, { lead: t(`messages.leads.${m.lead}`) })}</strong> ·{' '}
              {t(`messages.states.${m.state}`)} · {t('messages.page.recentSite', { site: m.siteId })} ·{' '}
              {t('messages.sendsAt', { date: formatDateTime(m.sentAt ?? m.sendAt, i18n.language) })}
              {m.fallback ? <> · {t('messages.page.fallbackNoTemplate')}</> : null}
              {m.failureReason && (m.state === 'failed' || m.state === 'cancelled' || m.state === 'queued') ? (
                <>
                  <br />
                  <span className="details__text" dir="ltr">
                    {m.failureReason}
                  </span>
                </>
              ) : null}
              {logged ? (
                <blockquote className="details__text" dir="auto" lang={m.language}>
                  {logged.body}
                </blockquote>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
