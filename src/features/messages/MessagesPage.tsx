import { useEffect, useMemo, useRef, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { MESSAGE_KINDS } from '../../domain/messaging';
import { messageTemplateProblems, MESSAGE_PLACEHOLDERS } from '../../domain/messageTemplates';
import {
  DEFAULT_MESSAGE_SETTINGS,
  MAX_RATE_PER_MINUTE,
  messageSettingsSchema,
  messageSwitchesSchema,
  type MessageSettings,
} from '../../domain/messageSettings';
import type { OutboundMessage } from '../../sync/api/messages';
import { formatDateTime } from '../../ui/dates';
import { useSessionUser } from '../auth';
import { useAdminForm } from '../admin';
import { CheckboxField } from '../../ui/CheckboxField';
import { FormMessage } from '../../ui/FormMessage';
import { InputField } from '../../ui/InputField';
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
  const [settings, setSettings] = useState<MessageSettings | undefined>();
  useEffect(() => {
    api.messages.settings(siteId).then(
      (answer) => setSettings(answer.settings),
      () => setSettings(DEFAULT_MESSAGE_SETTINGS),
    );
  }, [siteId]);
  if (!settings) return null;
  return <SettingsForm siteId={siteId} settings={settings} onSaved={onSaved} />;
}

/** What the form holds: the site's settings as they are edited, and one template being written. */
const settingsDraftSchema = z.object({
  switches: messageSwitchesSchema,
  timeZone: z.string(),
  ratePerMinute: z.number(),
  kind: z.enum(MESSAGE_KINDS),
  language: z.string(),
  template: z.string(),
});
type SettingsDraft = z.infer<typeof settingsDraftSchema>;

/** The settings the server takes (its own schema), from the draft and the site's templates as they are. */
function settingsFormSchema(current: () => MessageSettings) {
  return settingsDraftSchema
    .superRefine((draft, context) => {
      if (draft.template.trim() && messageTemplateProblems(draft.kind, draft.template).length > 0) {
        context.addIssue({ code: 'custom', path: ['template'], message: 'template_problems' });
      }
    })
    .transform(
      ({
        switches,
        timeZone,
        ratePerMinute,
        kind,
        language,
        template,
      }): z.input<typeof messageSettingsSchema> => ({
        switches,
        timeZone: timeZone.trim(),
        ratePerMinute,
        templates:
          template.trim() && language
            ? {
                ...current().templates,
                [kind]: { ...current().templates[kind], [language]: template.trim() },
              }
            : current().templates,
      }),
    )
    .pipe(messageSettingsSchema);
}

/** The form's values for these settings, with an empty template of this kind. */
function draftOf(settings: MessageSettings, kind: SettingsDraft['kind'] = 'hearing'): SettingsDraft {
  return {
    switches: settings.switches,
    timeZone: settings.timeZone,
    ratePerMinute: settings.ratePerMinute,
    kind,
    language: '',
    template: '',
  };
}

function SettingsForm({
  siteId,
  settings,
  onSaved,
}: {
  siteId: string;
  settings: MessageSettings;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  // The site's settings as last saved: a new template joins the templates it already has.
  const saved = useRef(settings);
  const schema = useMemo(() => settingsFormSchema(() => saved.current), []);
  const { register, control, reset, invalid, message, submitWith } = useAdminForm(schema, draftOf(settings));
  const [kind, template] = useWatch({ control, name: ['kind', 'template'] });
  // Checked as it is typed: a template's problems are shown at once and Save waits for them to go.
  const problems = template.trim() ? messageTemplateProblems(kind, template) : [];
  const save = submitWith(async (next) => {
    const answer = await api.messages.saveSettings({ siteId, settings: next });
    saved.current = answer.settings;
    reset(draftOf(answer.settings, kind));
    onSaved();
    return t('messages.page.saved');
  });

  return (
    <form
      className="message-settings"
      onSubmit={save}
      noValidate
      aria-label={t('messages.page.settingsFor', { site: siteId })}
    >
      <h2>{t('messages.page.settingsFor', { site: siteId })}</h2>
      <fieldset>
        <legend>{t('messages.page.switches')}</legend>
        {MESSAGE_KINDS.map((k) => (
          <CheckboxField
            key={k}
            id={`switch-${siteId}-${k}`}
            label={t(`messages.page.kind.${k}`)}
            {...register(`switches.${k}`)}
          />
        ))}
      </fieldset>
      <InputField
        id={`tz-${siteId}`}
        dir="ltr"
        label={t('messages.page.timeZone')}
        error={invalid.has('timeZone') ? t('admin.hours.invalidZone') : undefined}
        {...register('timeZone')}
      />
      <InputField
        id={`rate-${siteId}`}
        type="number"
        min={1}
        max={MAX_RATE_PER_MINUTE}
        label={t('messages.page.rate')}
        error={
          invalid.has('ratePerMinute')
            ? t('messages.page.invalidRate', { max: MAX_RATE_PER_MINUTE })
            : undefined
        }
        {...register('ratePerMinute', { valueAsNumber: true })}
      />
      <fieldset>
        <legend>{t('messages.page.template')}</legend>
        <select aria-label={t('messages.page.templateKind')} {...register('kind')}>
          {MESSAGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`messages.page.kind.${k}`)}
            </option>
          ))}
        </select>{' '}
        <input
          aria-label={t('messages.page.templateLanguage')}
          placeholder="so"
          size={6}
          {...register('language', { setValueAs: (value: string) => value.trim() })}
        />
        <p className="field__hint">
          {t('messages.page.placeholders', {
            list: MESSAGE_PLACEHOLDERS[kind].map((p) => `{{${p}}}`).join(' '),
          })}
        </p>
        <textarea aria-label={t('messages.page.templateText')} rows={3} {...register('template')} />
        {problems.length > 0 ? (
          <p role="alert" className="form-message form-message--error">
            {problems
              .map((p) =>
                'placeholder' in p
                  ? `${t(`messages.page.problem.${p.kind}`)} ${p.placeholder}`
                  : t(`messages.page.problem.${p.kind}`),
              )
              .join(' · ')}
          </p>
        ) : null}
      </fieldset>
      <button type="submit" className="button button--primary" disabled={problems.length > 0}>
        {t('messages.page.save')}
      </button>
      <FormMessage message={message} />
    </form>
  );
}
