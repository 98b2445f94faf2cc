import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { MESSAGE_KINDS, type MessageKind } from '../../domain/messaging';
import { messageTemplateProblems, MESSAGE_PLACEHOLDERS } from '../../domain/messageTemplates';
import { DEFAULT_MESSAGE_SETTINGS, type MessageSettings } from '../../domain/messageSettings';
import type { OutboundMessage } from '../../sync/api/messages';
import { formatDateTime } from '../../ui/dates';
import { useSessionUser } from '../auth';
import { api } from '../../sync/apiClient';
import { RecentMessages } from './RecentMessages';

/**
 * Messages to families, office side: the failures a coordinator acts on
 * (their sites'), and for an administrator each site's switches, time zone,
 * rate limit and templates (placeholders checked before saving).
 */
export function MessagesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('messages.page.title'));
  const user = useSessionUser();
  const isAdmin = user?.roles.includes('admin') ?? false;
  // A saved setting may queue or cancel messages: the list is read again.
  const [saves, setSaves] = useState(0);
  return (
    <article>
      <h1>{t('messages.page.title')}</h1>
      <FailuresList />
      {isAdmin ? <RecentMessages refreshKey={saves} /> : null}
      {isAdmin
        ? (user?.siteIds ?? []).map((siteId) => (
            <SiteSettingsForm key={siteId} siteId={siteId} onSaved={() => setSaves((n) => n + 1)} />
          ))
        : null}
    </article>
  );
}

function FailuresList() {
  const { t, i18n } = useTranslation();
  const [failures, setFailures] = useState<OutboundMessage[] | undefined>();
  const [error, setError] = useState(false);
  useEffect(() => {
    api.messages.failures().then(setFailures, () => setError(true));
  }, []);
  return (
    <section aria-labelledby="message-failures-heading">
      <h2 id="message-failures-heading">{t('messages.page.failures')}</h2>
      {error ? <p role="alert">{t('messages.page.loadFailed')}</p> : null}
      {failures?.length === 0 ? <p>{t('messages.page.noFailures')}</p> : null}
      <ul className="message-failures">
        {failures?.map((m) => (
          <li key={m.key} data-testid="message-failure">
            {m.recordCollection === 'calls' ? null : (
              <>
                <Link to={`/households/${m.householdId}`}>{t('messages.page.openFamily')}</Link> ·{' '}
              </>
            )}
            {t(`messages.kinds.${m.kind}`, { lead: t(`messages.leads.${m.lead}`) })} ·{' '}
            {formatDateTime(m.updatedAt, i18n.language)}
            <br />
            <span className="details__text" dir="ltr">
              {m.failureReason ?? ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SiteSettingsForm({ siteId, onSaved }: { siteId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<MessageSettings | undefined>();
  const [kind, setKind] = useState<MessageKind>('hearing');
  const [language, setLanguage] = useState('');
  const [template, setTemplate] = useState('');
  const [status, setStatus] = useState<'saved' | 'failed' | undefined>();
  useEffect(() => {
    api.messages.settings(siteId).then(
      (answer) => setSettings(answer.settings),
      () => setSettings(DEFAULT_MESSAGE_SETTINGS),
    );
  }, [siteId]);
  if (!settings) return null;
  const problems = template.trim() ? messageTemplateProblems(kind, template) : [];

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (problems.length > 0) return;
    const next: MessageSettings =
      template.trim() && language
        ? { ...settings, templates: { ...settings.templates, [kind]: { ...settings.templates[kind], [language]: template.trim() } } }
        : settings;
    api.messages.saveSettings({ siteId, settings: next }).then(
      (answer) => {
        setSettings(answer.settings);
        setTemplate('');
        setStatus('saved');
        onSaved();
      },
      () => setStatus('failed'),
    );
  };

  return (
    <form className="message-settings" onSubmit={save} aria-label={t('messages.page.settingsFor', { site: siteId })}>
      <h2>{t('messages.page.settingsFor', { site: siteId })}</h2>
      <fieldset>
        <legend>{t('messages.page.switches')}</legend>
        {MESSAGE_KINDS.map((k) => (
          <label key={k} className="checkbox">
            <input
              type="checkbox"
              checked={settings.switches[k]}
              onChange={(event) => setSettings({ ...settings, switches: { ...settings.switches, [k]: event.target.checked } })}
            />{' '}
            {t(`messages.page.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`tz-${siteId}`}>{t('messages.page.timeZone')}</label>
        <input id={`tz-${siteId}`} dir="ltr" value={settings.timeZone} onChange={(event) => setSettings({ ...settings, timeZone: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`rate-${siteId}`}>{t('messages.page.rate')}</label>
        <input
          id={`rate-${siteId}`}
          type="number"
          min={1}
          max={600}
          value={settings.ratePerMinute}
          onChange={(event) => setSettings({ ...settings, ratePerMinute: Number(event.target.value) })}
        />
      </div>
      <fieldset>
        <legend>{t('messages.page.template')}</legend>
        <select aria-label={t('messages.page.templateKind')} value={kind} onChange={(event) => setKind(event.target.value as MessageKind)}>
          {MESSAGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`messages.page.kind.${k}`)}
            </option>
          ))}
        </select>{' '}
        <input aria-label={t('messages.page.templateLanguage')} placeholder="so" size={6} value={language} onChange={(event) => setLanguage(event.target.value.trim())} />
        <p className="field__hint">{t('messages.page.placeholders', { list: MESSAGE_PLACEHOLDERS[kind].map((p) => `{{${p}}}`).join(' ') })}</p>
        <textarea aria-label={t('messages.page.templateText')} rows={3} value={template} onChange={(event) => setTemplate(event.target.value)} />
        {problems.length > 0 ? (
          <p role="alert" className="form-message form-message--error">
            {problems.map((p) => ('placeholder' in p ? `${t(`messages.page.problem.${p.kind}`)} ${p.placeholder}` : t(`messages.page.problem.${p.kind}`))).join(' · ')}
          </p>
        ) : null}
      </fieldset>
      <button type="submit" className="button button--primary" disabled={problems.length > 0}>
        {t('messages.page.save')}
      </button>
      {status ? <p role="status">{t(`messages.page.${status}`)}</p> : null}
    </form>
  );
}
