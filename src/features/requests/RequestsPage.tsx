import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import type { Erasure, Subject } from '../../domain/erasure';
import { householdReference } from '../../domain/householdReference';
import { formatDateTime } from '../../ui/dates';
import { offerDownload } from '../../ui/download';
import { FormMessage, failureMessage, successMessage } from '../../ui/FormMessage';
import { useApiErrorText } from '../admin';
import { useSessionUser } from '../auth';
import { askForErasure, confirmErasure, fetchErasures, fetchSubjectExport } from './requestsApi';
import { subjectHtml } from './subjectHtml';

/**
 * A person's request (issue 21 item 3), for coordinators, online: download
 * everything held about a household (HTML to read, JSON to keep), ask for its
 * erasure with a reason, and confirm an erasure another coordinator asked for.
 */
export function RequestsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('requests.title'));
  const errorText = useApiErrorText();
  const user = useSessionUser();
  const [params] = useSearchParams();
  const householdId = params.get('household') ?? undefined;
  const personId = params.get('person') ?? undefined;
  const [erasures, setErasures] = useState<Erasure[] | undefined>();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // A member is named by the reference of their record, as a family is: names stay out of addresses and lists.
  const subjectLabel = (of: Subject) =>
    of.collection === 'households'
      ? t('requests.household', { reference: householdReference(of.id) })
      : t('requests.person', { reference: householdReference(of.id) });

  const reload = useCallback(async () => {
    try {
      setErasures(await fetchErasures());
    } catch (failure) {
      setError(errorText(failure));
    }
  }, [errorText]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const act = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    try {
      setMessage(await action());
      await reload();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const subject: Subject | undefined = householdId
    ? { collection: 'households', id: householdId }
    : personId
      ? { collection: 'people', id: personId }
      : undefined;
  const exportAs = (format: 'html' | 'json') =>
    act(async () => {
      if (!subject) return '';
      const data = await fetchSubjectExport(subject);
      const base = `waystation-${subject.collection}-${subject.id}`;
      if (format === 'json') {
        offerDownload([JSON.stringify(data, null, 2)], 'application/json', `${base}.json`);
      } else {
        const html = subjectHtml(
          data,
          {
            title: t('requests.html.title'),
            generated: t('requests.html.generated', { at: formatDateTime(data.generatedAt, i18n.language) }),
            records: t('requests.html.records'),
            audit: t('requests.html.audit'),
            field: t('requests.html.field'),
            value: t('requests.html.value'),
            when: t('requests.html.when'),
            who: t('requests.html.who'),
            action: t('requests.html.action'),
            details: t('requests.html.details'),
          },
          i18n.language,
          i18n.dir(i18n.language),
        );
        offerDownload([html], 'text/html;charset=utf-8', `${base}.html`);
      }
      return t('requests.exported');
    });

  const ask = () =>
    act(async () => {
      if (!subject) return '';
      await askForErasure({ subject, reason });
      setReason('');
      return t('requests.asked');
    });

  const reasonTooShort = reason.trim().length < 10;

  return (
    <>
      <h1>{t('requests.title')}</h1>
      <p>{t('requests.intro')}</p>
      <FormMessage message={failureMessage(error)} />
      <FormMessage message={successMessage(message)} />
      {subject ? (
        <section aria-labelledby="request-household">
          <h2 id="request-household">{subjectLabel(subject)}</h2>
          <p>
            <button type="button" className="button" disabled={busy} onClick={() => void exportAs('html')}>
              {t('requests.exportHtml')}
            </button>{' '}
            <button type="button" className="button" disabled={busy} onClick={() => void exportAs('json')}>
              {t('requests.exportJson')}
            </button>
          </p>
          <div className="field">
            <label className="field__label" htmlFor="erasure-reason">
              {t('requests.reason')}
            </label>
            <textarea
              id="erasure-reason"
              value={reason}
              maxLength={500}
              aria-describedby="erasure-reason-hint"
              onChange={(event) => setReason(event.target.value)}
            />
            <p id="erasure-reason-hint" className="field__hint">
              {t('requests.reasonHint')}
            </p>
          </div>
          <button
            type="button"
            className="button button--danger"
            disabled={busy || reasonTooShort}
            onClick={() => void ask()}
          >
            {t('requests.ask')}
          </button>
        </section>
      ) : (
        <p>{t('requests.pickHousehold')}</p>
      )}
      <section aria-labelledby="erasure-list">
        <h2 id="erasure-list">{t('requests.listTitle')}</h2>
        {erasures && erasures.length === 0 ? <p>{t('requests.none')}</p> : null}
        <ul className="erasure-list">
          {(erasures ?? []).map((erasure) => (
            <li key={erasure.id}>
              <p>
                <strong>{subjectLabel(erasure.subject)}</strong>
                {' · '}
                {erasure.confirmedAt
                  ? t('requests.done', { at: formatDateTime(erasure.confirmedAt, i18n.language) })
                  : t('requests.waiting', { at: formatDateTime(erasure.requestedAt, i18n.language) })}
              </p>
              <p>{t('requests.reasonShown', { reason: erasure.reason })}</p>
              {erasure.confirmedAt ? null : erasure.requestedBy === user?.id ? (
                <p>{t('requests.needsSecond')}</p>
              ) : (
                <button
                  type="button"
                  className="button button--danger"
                  disabled={busy}
                  onClick={() =>
                    void act(async () => {
                      await confirmErasure(erasure.id);
                      return t('requests.confirmed');
                    })
                  }
                >
                  {erasure.subject.collection === 'households'
                    ? t('requests.confirm', { reference: householdReference(erasure.subject.id) })
                    : t('requests.confirmPerson', { reference: householdReference(erasure.subject.id) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
