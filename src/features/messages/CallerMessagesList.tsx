import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName } from '../../domain/languages';
import type { MessagingConsent } from '../../domain/messaging';
import type { OutboundMessage } from '../../sync/messagesApi';
import { useSyncStatus } from '../../sync/useSyncStatus';
import { formatDateTime } from '../../ui/dates';
import { messagesApi } from './messagesApi';

/**
 * Under an escalated call in the queue: the caller's consent to call-back
 * messages and what the server did with each (queued, sent, delivered,
 * failed, cancelled), with the English fallback said. Read from the server
 * when online (it names what was sent to whom, so it is not kept on the device).
 */
export function CallerMessagesList({ callId, consent }: { callId: string; consent: MessagingConsent }) {
  const { t, i18n } = useTranslation();
  const online = useSyncStatus((s) => s.online);
  const [messages, setMessages] = useState<OutboundMessage[] | undefined>();
  useEffect(() => {
    if (!online) return;
    let live = true;
    messagesApi.call(callId).then(
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
      <p>
        {consent.withdrawnAt
          ? t('messages.consentWithdrawn', {
              date: formatDateTime(consent.withdrawnAt, i18n.language),
              how: t(`messages.withdrawnHow.${consent.withdrawnHow ?? 'staff'}`),
            })
          : `${t(`messages.channels.${consent.channel}`)} · ${t('helpline.callerMessages.to', {
              phone: consent.phone,
              language: languageName(consent.language, i18n.language),
            })}`}
      </p>
      {!online && messages === undefined ? <p className="field__hint">{t('messages.page.loadFailed')}</p> : null}
      <ul>
        {messages?.map((m) => (
          <li key={m.key} data-testid="caller-message" data-state={m.state}>
            {t(`messages.kinds.${m.kind}`, { lead: t(`messages.leads.${m.lead}`) })} · {t(`messages.states.${m.state}`)} ·{' '}
            {t('messages.sendsAt', { date: formatDateTime(m.sentAt ?? m.sendAt, i18n.language) })}
            {m.fallback ? <> · {t('messages.page.fallbackNoTemplate')}</> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
