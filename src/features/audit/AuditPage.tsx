import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDateTime } from '../../ui/dates';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { api } from '../../sync/apiClient';
import type { AuditEntry, AuditQuery } from '../../sync/api';
import { useDirectory } from '../../sync/useDirectory';
import { useApiErrorText } from '../admin';
import { AUDIT_FILTER_ACTIONS, actionName, actionText, recordPath, recordText } from './auditText';

/** The filters, as the address holds them (Back and reload keep them) and the server reads them. */
const FILTERS = ['userId', 'action', 'recordId', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
/** The zone the table shows times in (the device's): the date range is read in it too. */
const interfaceZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Enough for a screen of pages; narrower filters find older entries. */
const FETCHED = 500;

/** Who did what to which record, and when (coordinators: their sites; admins: all). */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('audit.title'));
  // A new function each render: read through a ref so it does not refetch the log.
  const errorText = useRef(useApiErrorText());
  const [params, setParams] = useSearchParams();
  const [entries, setEntries] = useState<AuditEntry[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  // Names are a convenience; ids still show.
  const names = useDirectory().users;
  // The filters as text, so the log is fetched again only when one changes.
  const filterKey = useMemo(() => {
    const q = new URLSearchParams();
    for (const filter of FILTERS) {
      const value = params.get(filter)?.trim();
      if (value) q.set(filter, value);
    }
    // "2 December" means midnight to midnight where the person reads the log, not in UTC.
    if (q.has('from') || q.has('to')) q.set('timeZone', interfaceZone());
    return q.toString();
  }, [params]);

  useEffect(() => {
    let current = true;
    setError(undefined);
    const query: AuditQuery = { limit: String(FETCHED) };
    const chosen = new URLSearchParams(filterKey);
    for (const filter of FILTERS) {
      const value = chosen.get(filter);
      if (value) query[filter] = value;
    }
    api.audit.list(query).then(
      (found) => {
        if (current) setEntries(found);
      },
      (failure: unknown) => {
        if (!current) return;
        setEntries(undefined);
        setError(errorText.current(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [filterKey]);

  const language = i18n.language;
  const columns = useMemo((): DataColumn<AuditEntry>[] => {
    const who = (entry: AuditEntry) => names.get(entry.userId) ?? entry.userId;
    /** A detail of an entry as text, when it is text or a number. */
    const detail = (entry: AuditEntry, key: string): string | undefined => {
      const value = (entry.details as Record<string, unknown> | undefined)?.[key];
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    };
    /** What happened, in words; a verification says which attempt, and an override who approved it for whom. */
    const describe = (entry: AuditEntry): string => {
      const details = entry.details as Record<string, unknown> | undefined;
      const attempt = detail(entry, 'attempt');
      if (
        entry.action === 'helpline.verification_attempt' &&
        typeof details?.passed === 'boolean' &&
        attempt
      ) {
        return details.passed
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
      return actionText(t, entry);
    };
    return [
      {
        id: 'at',
        header: t('audit.when'),
        cell: (entry) => formatDateTime(entry.at, language),
        sortValue: (entry) => entry.at,
      },
      { id: 'who', header: t('audit.who'), cell: who, sortValue: who },
      {
        id: 'action',
        header: t('audit.action'),
        cell: describe,
        sortValue: describe,
      },
      {
        id: 'record',
        header: t('audit.record'),
        cell: (entry) => {
          const path = recordPath(entry);
          const text = recordText(t, entry);
          return path ? <Link to={path}>{text}</Link> : text;
        },
        sortValue: (entry) => recordText(t, entry),
      },
      {
        id: 'device',
        header: t('audit.device'),
        cell: (entry) => entry.deviceName ?? t('history.unnamedDevice'),
      },
    ];
  }, [t, language, names]);

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <AuditFilters
        key={filterKey}
        values={Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<Filter, string>}
        people={names}
        onApply={(values) => {
          const next = new URLSearchParams();
          for (const filter of FILTERS) if (values[filter].trim()) next.set(filter, values[filter].trim());
          setParams(next);
        }}
      />
      <FormMessage message={failureMessage(error)} />
      {entries === undefined && !error ? <p role="status">{t('audit.loading')}</p> : null}
      {entries ? (
        <DataTable
          caption={t('audit.title')}
          rows={entries}
          columns={columns}
          getRowId={(entry) => String(entry.id)}
          defaultSort="-at"
          empty={<p role="status">{t('audit.none')}</p>}
        />
      ) : null}
    </>
  );
}

function AuditFilters({
  values,
  people,
  onApply,
}: {
  values: Record<Filter, string>;
  people: Map<string, string>;
  onApply: (values: Record<Filter, string>) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(values);
  const set = (filter: Filter) => (event: { target: { value: string } }) =>
    setDraft((old) => ({ ...old, [filter]: event.target.value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const sortedPeople = [...people.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <form role="search" aria-label={t('audit.filters')} onSubmit={onSubmit} className="audit-filters">
      <Field id="audit-user" label={t('audit.userId')}>
        {(a11y) => (
          <select {...a11y} value={draft.userId} onChange={set('userId')}>
            <option value="">{t('audit.anyUser')}</option>
            {sortedPeople.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="audit-action" label={t('audit.action')}>
        {(a11y) => (
          <select {...a11y} value={draft.action} onChange={set('action')}>
            <option value="">{t('audit.anyAction')}</option>
            {AUDIT_FILTER_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {actionName(t, action)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="audit-record" label={t('audit.recordId')}>
        {(a11y) => (
          <input {...a11y} autoCapitalize="none" value={draft.recordId} onChange={set('recordId')} />
        )}
      </Field>
      <Field id="audit-from" label={t('audit.from')}>
        {(a11y) => <input {...a11y} type="date" value={draft.from} onChange={set('from')} />}
      </Field>
      <Field id="audit-to" label={t('audit.to')}>
        {(a11y) => <input {...a11y} type="date" value={draft.to} onChange={set('to')} />}
      </Field>
      <p className="field__hint audit-filters__zone">{t('audit.rangeZone', { zone: interfaceZone() })}</p>
      <div className="audit-filters__actions">
        <button type="submit" className="button button--primary">
          {t('audit.apply')}
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => onApply({ userId: '', action: '', recordId: '', from: '', to: '' })}
        >
          {t('audit.clear')}
        </button>
      </div>
    </form>
  );
}
