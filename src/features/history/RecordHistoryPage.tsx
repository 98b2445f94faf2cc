import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { apiRequest, ApiCallError } from '../auth/authApi';
import { baseUrl, currentToken } from '../auth/session';
import { useDirectory } from '../coordination/useDirectoryNames';
import { fieldLabel, valueText } from '../review/conflictValueText';
import { encodeConflictValue } from '../../domain/conflictResolution';
import { auditResponseSchema, toTimeline, type TimelineEntry } from './historyTimeline';

type State = { kind: 'loading' } | { kind: 'offline' } | { kind: 'error' } | { kind: 'ready'; timeline: TimelineEntry[] };

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
    const params = new URLSearchParams({ recordId: id, collection, limit: '1000' });
    apiRequest<unknown>(baseUrl(), currentToken(), `/api/audit?${params.toString()}`).then(
      (body) => {
        const parsed = auditResponseSchema.safeParse(body);
        if (alive) setState(parsed.success ? { kind: 'ready', timeline: toTimeline(parsed.data.entries) } : { kind: 'error' });
      },
      (error: unknown) => {
        if (alive) setState(error instanceof ApiCallError && error.status === 0 ? { kind: 'offline' } : { kind: 'error' });
      },
    );
    return () => {
      alive = false;
    };
  }, [collection, id, attempt]);

  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const value = (v: unknown) => valueText(t, encodeConflictValue(v));
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
        <ol className="plain-list history-timeline" aria-label={t('history.title')}>
          {state.timeline.map((entry) => (
            <li key={entry.id} className="report-card">
              <p>
                <strong>{t(`history.actions.${entry.action.replace(/\W/g, '_')}`, { defaultValue: entry.action })}</strong>{' '}
                {t('history.by', {
                  name: directory.users.get(entry.userId) ?? entry.userId,
                  device: entry.deviceId,
                  when: Number.isNaN(Date.parse(entry.at)) ? entry.at : time.format(new Date(entry.at)),
                })}
              </p>
              {entry.changes.length > 0 ? (
                <ul>
                  {entry.changes.map((change) => (
                    <li key={change.field}>
                      {fieldLabel(t, collection, change.field)}: <bdi>{value(change.before)}</bdi> → <bdi>{value(change.after)}</bdi>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}
