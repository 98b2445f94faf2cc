import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import type { Household } from '../../domain/household';
import { languageName, languageOptions } from '../../domain/languages';
import { hasActiveConsent, MESSAGE_CHANNELS, toE164, type MessageChannel } from '../../domain/messaging';
import { formatDateTime } from '../../ui/dates';
import { cancelReminder, saveMessagingConsent, withdrawMessagingConsent } from './operations';
import { useFamilyMessages } from './useFamilyMessages';
import { WithdrawnConsentText } from './WithdrawnConsentText';

/**
 * Messages to the family on its page: their consent (number, SMS or
 * WhatsApp, language), and each reminder scheduled or sent with its state;
 * staff can cancel a scheduled one, or withdraw the family's consent, offline
 * too (after a withdrawal the reminders still ahead show as not to be sent).
 */
export function FamilyMessagesSection({ household, canEdit }: { household: Household; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const consent = household.messaging;
  const activeConsent = hasActiveConsent(consent) ? consent : undefined;
  const { rows, settingsKnown } = useFamilyMessages(household.id, household.siteId, consent);
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
      {activeConsent && !settingsKnown ? <p className="field__hint">{t('messages.settingsUnknown')}</p> : null}
      {activeConsent && rows.length === 0 ? <p>{t('messages.none')}</p> : null}
      {rows.length > 0 ? (
        <ul className="family-messages__list">
          {rows.map((row) => (
            <li key={row.key} data-testid="family-message" data-state={row.state}>
              <strong>{t(`messages.kinds.${row.kind}`, { lead: t(`messages.leads.${row.lead}`) })}</strong>
              <br />
              {t('messages.sendsAt', { date: formatDateTime(row.sendAt, locale) })} ·{' '}
              <span className={`message-state message-state--${row.state}`}>{t(`messages.states.${row.state}`)}</span>
              {' · '}
              {row.fallback
                ? t('messages.fallback', { language: languageName(consent?.language ?? 'en', locale) })
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

interface ConsentFormProps {
  initial: { phone: string; channel: MessageChannel; language: string } | undefined;
  onSave: (input: { phone: string; channel: MessageChannel; language: string }) => Promise<void>;
  onCancel: () => void;
}

function ConsentForm({ initial, onSave, onCancel }: ConsentFormProps) {
  const { t, i18n } = useTranslation();
  const { common, all } = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [channel, setChannel] = useState<MessageChannel>(initial?.channel ?? 'sms');
  const [language, setLanguage] = useState(initial?.language ?? '');
  const [problem, setProblem] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!toE164(phone)) return setProblem(t('messages.phoneInvalid'));
    if (!language) return setProblem(t('messages.languageRequired'));
    setProblem(undefined);
    onSave({ phone, channel, language }).catch(() => setProblem(t('messages.saveFailed')));
  };

  return (
    <form className="consent-form" onSubmit={submit} noValidate>
      <p className="field__hint">{t('messages.consentExplain')}</p>
      <div className="field">
        <label htmlFor="messaging-phone">{t('messages.phone')}</label>
        <input
          id="messaging-phone"
          type="tel"
          dir="ltr"
          autoComplete="off"
          value={phone}
          aria-invalid={problem === t('messages.phoneInvalid') ? true : undefined}
          aria-describedby="messaging-phone-hint"
          onChange={(event) => setPhone(event.target.value)}
        />
        <span className="field__hint" id="messaging-phone-hint">
          {t('messages.phoneHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="messaging-channel">{t('messages.channel')}</label>
        <select id="messaging-channel" value={channel} onChange={(event) => setChannel(event.target.value as MessageChannel)}>
          {MESSAGE_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`messages.channels.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="messaging-language">{t('messages.language')}</label>
        <select id="messaging-language" value={language} onChange={(event) => setLanguage(event.target.value)}>
          <option value="">{t('form.choose')}</option>
          <optgroup label={t('form.commonChoices')}>
            {['en', ...common.map((o) => o.code).filter((c) => c !== 'en')].map((code) => (
              <option key={code} value={code}>
                {languageName(code, i18n.language)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('form.allLanguages')}>
            {all.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      {problem ? (
        <p className="form-message form-message--error" role="alert">
          {problem}
        </p>
      ) : null}
      <p>
        <button type="submit" className="button button--primary">
          {t('messages.saveConsent')}
        </button>{' '}
        <button type="button" className="button" onClick={onCancel}>
          {t('messages.cancelEdit')}
        </button>
      </p>
    </form>
  );
}
