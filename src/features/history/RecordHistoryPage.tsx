import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { api, ApiCallError } from '../../sync/apiClient';
import type { AuditEntry } from '../../sync/api';
import { useDirectory, type Directory } from '../../sync/useDirectory';
import { fieldLabel, valueInWords } from '../../ui/fieldText';
import { formatDateTime } from '../../ui/dates';
import { DELETED_FIELD } from '../../domain/conflict';
import { conflictIdsOf, toTimeline, type TimelineEntry } from './historyTimeline';

type State = { kind: 'loading' } | { kind: 'offline' } | { kind: 'error' } | { kind: 'ready'; timeline: TimelineEntry[] };

function auditTrail(filter: { recordId: string; collection: string }): Promise<AuditEntry[]> {
  return api.audit.list({ ...filter, limit: '1000' });
}

/** The record's trail, and the trail of each conflict it had (for both values and the resolution). */
async function loadTimeline(collection: string, id: string): Promise<TimelineEntry[]> {
  const entries = await auditTrail({ recordId: id, collection });
  const trails = new Map<string, AuditEntry[]>();
  await Promise.all(
    conflictIdsOf(entries).map(async (conflictId) => {
      trails.set(conflictId, await auditTrail({ recordId: conflictId, collection: 'conflicts' }));
    }),
  );
  return toTimeline(entries, trails);
}

function headline(t: TFunction, entry: TimelineEntry): string {
  if (entry.kind === 'other') {
    return t(`history.actions.${entry.action.replace(/\W/g, '_')}`, { defaultValue: t('history.actions.other') });
  }
  return t(`history.actions.${entry.kind}`);
}

/** A record's audit trail from the server: who, which device, when, and what changed. Needs a connection. */
export function RecordHistoryPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('history.title'));
  const { collection = '', id = '' } = useParams();
  const directory = useDirectory();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    loadTimeline(collection, id).then(
      (timeline) => {
        if (alive) setState({ kind: 'ready', timeline });
      },
      (error: unknown) => {
        if (alive) setState(error instanceof ApiCallError && error.status === 0 ? { kind: 'offline' } : { kind: 'error' });
      },
    );
    return () => {
      alive = false;
    };
  }, [collection, id, attempt]);

  const retry = () => {
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  };

  return (
    <>
      <h1>{t('history.title')}</h1>
      {collection === 'households' ? <Link to={`/households/${id}`}>{t('history.back')}</Link> : null}
      {state.kind === 'loading' ? <p aria-busy="true">{t('history.loading')}</p> : null}
      {state.kind === 'offline' || state.kind === 'error' ? (
        <div role="alert" className="form-message form-message--error">
          <p>{state.kind === 'offline' ? t('history.offline') : t('history.failed')}</p>
          <button type="button" className="button" onClick={retry}>
            {t('history.retry')}
          </button>
        </div>
      ) : null}
      {state.kind === 'ready' && state.timeline.length === 0 ? <p role="status">{t('history.none')}</p> : null}
      {state.kind === 'ready' && state.timeline.length > 0 ? (
        <>
          <p>{t('history.order')}</p>
          <ol className="plain-list history-timeline" aria-label={t('history.title')}>
            {state.timeline.map((entry) => (
              <HistoryItem key={entry.key} entry={entry} collection={collection} directory={directory} locale={i18n.language} />
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}

function HistoryItem({
  entry,
  collection,
  directory,
  locale,
}: {
  entry: TimelineEntry;
  collection: string;
  directory: Directory;
  locale: string;
}) {
  const { t } = useTranslation();
  const names = { site: (siteId: string) => directory.sites.get(siteId), user: (userId: string) => directory.users.get(userId) };
  const value = (field: string, v: unknown) => {
    if (field === DELETED_FIELD) return v === true ? t('history.deletedValue') : t('history.editedValue');
    return valueInWords(t, locale, collection, field, v, names);
  };
  const story = entry.conflict;
  return (
    <li className="report-card history-entry" data-at={entry.at}>
      <p>
        <strong>{headline(t, entry)}</strong>{' '}
        {t('history.by', {
          name: directory.users.get(entry.userId) ?? t('history.unknownPerson'),
          device: entry.deviceName ?? t('history.unnamedDevice'),
          when: formatDateTime(entry.at, locale),
        })}
      </p>
      {story ? (
        <p>
          {entry.kind === 'conflictResolved'
            ? t('history.resolved', {
                field: fieldLabel(t, collection, story.field),
                kept: value(story.field, story.kept),
                setAside: story.setAside.map((v) => value(story.field, v)).join(t('history.and')),
              })
            : t('history.conflictSides', {
                field: fieldLabel(t, collection, story.field),
                kept: value(story.field, story.kept),
                setAside: story.setAside.map((v) => value(story.field, v)).join(t('history.and')),
              })}
        </p>
      ) : null}
      {entry.changes.length > 0 ? (
        <ul>
          {entry.changes.map((change) => (
            <li key={change.field}>
              {entry.kind === 'create' ? (
                <>
                  {fieldLabel(t, collection, change.field)}: <bdi>{value(change.field, change.after)}</bdi>
                </>
              ) : (
                <>
                  {fieldLabel(t, collection, change.field)}: <bdi>{value(change.field, change.before)}</bdi> →{' '}
                  <bdi>{value(change.field, change.after)}</bdi>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
