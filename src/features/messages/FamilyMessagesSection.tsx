import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import type { Household } from '../../domain/household';
import { languageName } from '../../domain/languages';
import { hasActiveConsent } from '../../domain/messaging';
import type { Person } from '../../domain/person';
import { formatDateTime } from '../../ui/dates';
import { ConsentForm } from './ConsentForm';
import { MemberConsents, memberName } from './MemberConsents';
import { cancelReminder, saveMessagingConsent, withdrawMessagingConsent } from './operations';
import { useFamilyMessages } from './useFamilyMessages';
import { WithdrawnConsentText } from './WithdrawnConsentText';

/**
 * Messages to the family on its page: their consent (number, SMS or
 * WhatsApp, language), members' own numbers, and each reminder scheduled or
 * sent with its state and recipient; staff can cancel a scheduled one, or
 * withdraw consent, offline too (after a withdrawal the reminders still
 * ahead show as not to be sent).
 */
export function FamilyMessagesSection({
  household,
  members,
  canEdit,
}: {
  household: Household;
  members: readonly Person[];
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const consent = household.messaging;
  const activeConsent = hasActiveConsent(consent) ? consent : undefined;
  const { rows, settingsKnown } = useFamilyMessages(household.id, household.siteId, consent, members);
  const names = new Map(members.map((member) => [member.id, memberName(member)]));
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const locale = i18n.language;

  return (
    <section aria-labelledby="family-messages-heading" className="family-messages">
      <h2 id="family-messages-heading">{t('messages.heading')}</h2>
      {activeConsent ? (
        <p data-testid="messaging-consent">
          {t('messages.consentGiven', {
            phone: activeConsent.phone,
            channel: t(`messages.channels.${activeConsent.channel}`),
            language: languageName(activeConsent.language, locale),
          })}
        </p>
      ) : consent?.withdrawnAt ? (
        <p data-testid="messaging-consent">
          <WithdrawnConsentText consent={{ ...consent, withdrawnAt: consent.withdrawnAt }} />
        </p>
      ) : (
        <p data-testid="messaging-consent">{t('messages.noConsent')}</p>
      )}
      {canEdit && !editing ? (
        <p className="family-messages__actions">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {activeConsent ? t('messages.changeConsent') : t('messages.recordConsent')}
          </button>{' '}
          {activeConsent ? (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setError(undefined);
                void withdrawMessagingConsent(db, actor, household.id).catch(() => setError(t('messages.withdrawFailed')));
              }}
            >
              {t('messages.withdraw')}
            </button>
          ) : null}
        </p>
      ) : null}
      {canEdit && editing ? (
        <ConsentForm
          initial={activeConsent ? consent : undefined}
          onCancel={() => setEditing(false)}
          onSave={async (input) => {
            await saveMessagingConsent(db, actor, household.id, input);
            setEditing(false);
          }}
        />
      ) : null}
      <MemberConsents members={members} canEdit={canEdit} />
      {activeConsent && !settingsKnown ? <p className="field__hint">{t('messages.settingsUnknown')}</p> : null}
      {activeConsent && rows.length === 0 ? <p>{t('messages.none')}</p> : null}
      {rows.length > 0 ? (
        <ul className="family-messages__list">
          {rows.map((row) => (
            <li key={row.key} data-testid="family-message" data-state={row.state}>
              <strong>{t(`messages.kinds.${row.kind}`, { lead: t(`messages.leads.${row.lead}`) })}</strong>
              <br />
              {row.recipient === 'unknown' ? null : (
                <>
                  {row.personId
                    ? t('messages.recipient.member', { name: names.get(row.personId) ?? row.personId })
                    : t('messages.recipient.family')}
                  <br />
                </>
              )}
              {t('messages.sendsAt', { date: formatDateTime(row.sendAt, locale) })} ·{' '}
              <span className={`message-state message-state--${row.state}`}>{t(`messages.states.${row.state}`)}</span>
              {' · '}
              {row.fallback
                ? t('messages.fallback', { language: languageName(row.recipientLanguage, locale) })
                : languageName(row.language, locale)}
              {row.failureReason ? <span className="details__text"> · {row.failureReason}</span> : null}
              {canEdit && row.cancel ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => {
                      setError(undefined);
                      const target = row.cancel;
                      if (target) void cancelReminder(db, actor, target).catch(() => setError(t('messages.cancelFailed')));
                    }}
                  >
                    {t('messages.cancel')}
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="form-message form-message--error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
