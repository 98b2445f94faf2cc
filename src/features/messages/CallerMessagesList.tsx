import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActor } from '../../app/useActor';
import { useDatabase } from '../../app/DatabaseProvider';
import { languageName } from '../../domain/languages';
import type { MessagingConsent } from '../../domain/messaging';
import type { OutboundMessage } from '../../sync/api/messages';
import { useSyncStatus } from '../../sync/useSyncStatus';
import { formatDateTime } from '../../ui/dates';
import { api } from '../../sync/apiClient';
import { withdrawCallerMessagingConsent } from './operations';
import { WithdrawnConsentText } from './WithdrawnConsentText';

/**
 * Under an escalated call in the queue: the caller's consent to call-back
 * messages and what the server did with each (queued, sent, delivered,
 * failed, cancelled), with the English fallback said; the officer can record
 * that the caller withdrew consent, offline too. Read from the server
 * when online (it names what was sent to whom, so it is not kept on the device).
 */
export function CallerMessagesList({ callId, consent }: { callId: string; consent: MessagingConsent }) {
  const { t, i18n } = useTranslation();
  const online = useSyncStatus((s) => s.online);
  const db = useDatabase();
  const actor = useActor();
  const [messages, setMessages] = useState<OutboundMessage[] | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!online) return;
    let live = true;
    api.messages.call(callId).then(
      (answer) => live && setMessages([...answer].sort((a, b) => a.sendAt.localeCompare(b.sendAt))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [callId, online]);
  return (
    <section className="caller-messages">
      <h3 className="queue-item__history-heading">{t('helpline.callerMessages.legend')}</h3>
      <p data-testid="caller-consent">
        {consent.withdrawnAt ? (
          <WithdrawnConsentText consent={{ ...consent, withdrawnAt: consent.withdrawnAt }} />
        ) : (
          `${t(`messages.channels.${consent.channel}`)} · ${t('helpline.callerMessages.to', {
            phone: consent.phone,
            language: languageName(consent.language, i18n.language),
          })}`
        )}
      </p>
      {consent.withdrawnAt ? null : (
        <p>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              setFailed(false);
              void withdrawCallerMessagingConsent(db, actor, callId).catch(() => setFailed(true));
            }}
          >
            {t('messages.withdraw')}
          </button>
        </p>
      )}
      {failed ? (
        <p className="form-message form-message--error" role="alert">
          {t('messages.withdrawFailed')}
        </p>
      ) : null}
      {!online && messages === undefined ? <p className="field__hint">{t('messages.page.loadFailed')}</p> : null}
      <ul>
        {messages?.map((m) => {
          // Still queued on the server's last answer, but the consent is gone: the server will not send it.
          const state = consent.withdrawnAt && m.state === 'queued' ? 'consent_withdrawn' : m.state;
          return (
            <li key={m.key} data-testid="caller-message" data-state={state}>
              {t(`messages.kinds.${m.kind}`, { lead: t(`messages.leads.${m.lead}`) })} · {t(`messages.states.${state}`)} ·{' '}
              {t('messages.sendsAt', { date: formatDateTime(m.sentAt ?? m.sendAt, i18n.language) })}
              {m.fallback ? <> · {t('messages.page.fallbackNoTemplate')}</> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
