import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { Field } from '../../ui/Field';
import type { DirectoryResponse } from '../../domain/accounts';
import { apiRequest } from '../auth/authApi';
import { baseUrl, currentToken } from '../auth/session';
import { useApiErrorText } from '../admin/useApiErrorText';

const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.string(),
  deviceId: z.string(),
  action: z.string(),
  collection: z.string().optional(),
  recordId: z.string().optional(),
  siteId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
type AuditEntry = z.infer<typeof auditEntrySchema>;
const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema.passthrough()) });

/** A detail of an entry as text, when it is text or a number. */
function detail(entry: AuditEntry, key: string): string | undefined {
  const value = entry.details?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Who did what to a record, or everything one person did (coordinators: their sites; admins: all). */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const errorText = useApiErrorText();
  const [recordId, setRecordId] = useState('');
  const [userId, setUserId] = useState('');
  const [entries, setEntries] = useState<AuditEntry[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [names, setNames] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    apiRequest<DirectoryResponse>(baseUrl(), currentToken(), '/api/directory').then(
      (directory) => setNames(new Map(directory.users.map((u) => [u.id, u.displayName]))),
      () => undefined, // names are a convenience; ids still show
    );
  }, []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!recordId.trim() && !userId.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(undefined);
    const params = new URLSearchParams();
    if (recordId.trim()) params.set('recordId', recordId.trim());
    if (userId.trim()) params.set('userId', userId.trim());
    try {
      const body = await apiRequest<unknown>(baseUrl(), currentToken(), `/api/audit?${params.toString()}`);
      setEntries(auditResponseSchema.parse(body).entries);
    } catch (failure) {
      setEntries(undefined);
      setError(errorText(failure));
    }
    setBusy(false);
  };

  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  /** What happened, in words; a helpline verification says passed or failed, which attempt, and who overrode. */
  const describe = (entry: AuditEntry): string => {
    if (entry.action === 'helpline.verification_attempt') {
      const attempt = detail(entry, 'attempt') ?? '?';
      return entry.details?.passed === true
        ? t('audit.actions.verificationPassed', { attempt })
        : t('audit.actions.verificationFailed', { attempt });
    }
    if (entry.action === 'helpline.verification_override') {
      const agentId = detail(entry, 'agentId');
      return t('audit.actions.verificationOverride', {
        supervisor: names.get(entry.userId) ?? detail(entry, 'supervisorName') ?? entry.userId,
        agent: (agentId ? names.get(agentId) : undefined) ?? detail(entry, 'agentName') ?? agentId ?? '?',
        reason: detail(entry, 'reason') ?? '',
      });
    }
    return t(`audit.actions.${entry.action.replace(/\W/g, '_')}`, { defaultValue: entry.action });
  };

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="field-grid">
        <Field
          id="audit-record"
          label={t('audit.recordId')}
          error={missing ? t('audit.needFilter') : undefined}
        >
          {(a11y) => (
            <input
              {...a11y}
              autoCapitalize="none"
              value={recordId}
              onChange={(e) => setRecordId(e.target.value)}
            />
          )}
        </Field>
        <Field id="audit-user" label={t('audit.userId')}>
          {(a11y) => (
            <select {...a11y} value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">{t('audit.anyUser')}</option>
              {[...names.entries()].map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('audit.search')}
          </button>
        </div>
      </form>
      {error ? (
        <p className="form-message form-message--error" role="alert">
          {error}
        </p>
      ) : null}
      {entries && entries.length === 0 ? <p role="status">{t('audit.none')}</p> : null}
      {entries && entries.length > 0 ? (
        <div className="table-scroll">
          <table className="admin-table">
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.record')}</th>
                <th scope="col">{t('audit.device')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{Number.isNaN(Date.parse(entry.at)) ? entry.at : time.format(new Date(entry.at))}</td>
                  <td>{names.get(entry.userId) ?? entry.userId}</td>
                  <td>{describe(entry)}</td>
                  <td>{[entry.collection, entry.recordId].filter(Boolean).join(' · ')}</td>
                  <td>{entry.deviceId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
