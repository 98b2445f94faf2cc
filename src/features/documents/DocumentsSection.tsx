/**
 * A record's documents: the list (kind, note, sizes, who and when), "Add
 * document" (camera on phones, or a file: images and PDF), and opening one
 * (decrypted or fetched into memory; images inline, PDF in the browser's viewer).
 * "Keep on this device" fetches one into the device's encrypted store so it
 * opens offline; what the person kept they may remove from the device again.
 * The one documents component of the app: a family, a member, a travel leg, a
 * milestone and a call each show it with their record; it offers "Add
 * document" only to a role that may change that kind of record.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { grantFor } from '../../domain/access';
import {
  ATTACHMENT_KINDS,
  attachmentVisibleTo,
  listAttachments,
  type Attachment,
  type AttachmentCollection,
  type Attachments,
} from '../../domain/attachments';
import { formatDateTime } from '../../ui/dates';
import { baseUrl, currentAttachmentStore, currentToken, useSessionUser } from '../auth';
import { AddDocumentForm } from './AddDocumentForm';
import { DocumentUnavailableError, keepDocument, letGoOfDocument, openDocument } from './operations';
import { useDeviceCopies } from './useDeviceCopies';
import './documents.css';

function useSize() {
  const { i18n, t } = useTranslation();
  return (bytes: number) => {
    const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
    return bytes >= 1024 * 1024
      ? t('documents.megabytes', { size: format.format(bytes / (1024 * 1024)) })
      : t('documents.kilobytes', { size: format.format(Math.max(1, Math.round(bytes / 1024))) });
  };
}

interface Props {
  collection: AttachmentCollection;
  record: { id: string; attachments?: Attachments | undefined } & Record<string, unknown>;
  /** The heading's level where the section sits: 2 on a page, deeper inside a member, a leg or a call. */
  headingLevel?: 2 | 3 | 4;
  /** False where the screen shows the record read-only (the role's write grant is checked besides). */
  canAdd?: boolean;
}

export function DocumentsSection({ collection, record, headingLevel = 2, canAdd = true }: Props) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const user = useSessionUser();
  const copies = useDeviceCopies();
  const documents = listAttachments(record);
  const Heading = `h${headingLevel}` as const;
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<{ id: string; url: string; mime: string } | undefined>();
  const [openError, setOpenError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const size = useSize();

  const unavailableText = (error: unknown) =>
    t(`documents.unavailable.${error instanceof DocumentUnavailableError ? error.reason : 'notUploaded'}`);

  useEffect(() => () => (open ? URL.revokeObjectURL(open.url) : undefined), [open]);

  const show = async (attachment: Attachment & { id: string }) => {
    setOpenError(undefined);
    try {
      const blob = await openDocument(
        currentAttachmentStore(),
        { baseUrl: baseUrl(), token: currentToken() },
        { collection, recordId: record.id },
        attachment,
      );
      setOpen({ id: attachment.id, url: URL.createObjectURL(blob), mime: attachment.mime });
    } catch (error) {
      setOpen(undefined);
      setOpenError(unavailableText(error));
    }
  };

  const keep = async (attachment: Attachment & { id: string }) => {
    const store = currentAttachmentStore();
    setOpenError(undefined);
    if (!store) return setOpenError(t('documents.keepFailed'));
    setBusy(attachment.id);
    try {
      await keepDocument(
        store,
        { baseUrl: baseUrl(), token: currentToken() },
        { collection, recordId: record.id },
        record,
        attachment,
      );
    } catch (error) {
      setOpenError(
        error instanceof DocumentUnavailableError ? unavailableText(error) : t('documents.keepFailed'),
      );
    } finally {
      setBusy(undefined);
    }
  };

  const letGo = async (attachmentId: string) => {
    const store = currentAttachmentStore();
    setOpenError(undefined);
    if (!store) return;
    setBusy(attachmentId);
    try {
      await letGoOfDocument(store, attachmentId);
      if (open?.id === attachmentId) setOpen(undefined);
    } catch {
      setOpenError(t('documents.letGoFailed'));
    } finally {
      setBusy(undefined);
    }
  };

  const mayAdd = canAdd && user !== undefined && grantFor(user.roles, collection).write;
  const kinds = ATTACHMENT_KINDS.filter(
    (kind) =>
      mayAdd && attachmentVisibleTo({ userId: user.id, roles: user.roles }, collection, record, { kind }),
  );

  // Inside a member, a leg, a milestone or a call, a section with nothing to show or add would be noise.
  if (headingLevel > 2 && documents.length === 0 && kinds.length === 0) return null;

  return (
    <section aria-labelledby={headingId} className={`documents documents--level-${headingLevel}`}>
      <Heading id={headingId}>{t('documents.heading')}</Heading>
      {documents.length === 0 && headingLevel === 2 ? <p>{t('documents.none')}</p> : null}
      <ul className="documents__list">
        {documents.map((document) => (
          <li key={document.id} className="documents__item">
            <button type="button" className="link-button" onClick={() => void show(document)}>
              {t(`documents.kinds.${document.kind}`)}
            </button>
            {document.note ? <span> — {document.note}</span> : null}
            <span className="documents__meta">
              {' '}
              {t('documents.sizes', {
                stored: size(document.size),
                original: size(document.originalSize),
              })}{' '}
              · {formatDateTime(document.createdAt, i18n.language)}
            </span>
            {copies.personKept.has(document.id) ? (
              <span className="documents__kept"> · {t('documents.keptByPerson')}</span>
            ) : copies.held.has(document.id) && !copies.refused[document.id] ? (
              <span className="documents__kept"> · {t('documents.keptHere')}</span>
            ) : null}
            {copies.personKept.has(document.id) ? (
              <div className="documents__actions">
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={busy === document.id}
                  onClick={() => void letGo(document.id)}
                >
                  {t('documents.letGo')}
                </button>
              </div>
            ) : !copies.held.has(document.id) ? (
              <div className="documents__actions">
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={busy === document.id}
                  onClick={() => void keep(document)}
                >
                  {busy === document.id ? t('documents.keeping') : t('documents.keep')}
                </button>
              </div>
            ) : null}
            {copies.refused[document.id] ? (
              <p className="form-message form-message--error documents__refused">
                {t(`documents.refused.${copies.refused[document.id]!}`)}
              </p>
            ) : null}
            {open?.id === document.id ? (
              open.mime.startsWith('image/') ? (
                <img
                  className="documents__image"
                  src={open.url}
                  alt={t(`documents.kinds.${document.kind}`)}
                />
              ) : (
                <a href={open.url} target="_blank" rel="noreferrer">
                  {t('documents.openPdf')}
                </a>
              )
            ) : null}
          </li>
        ))}
      </ul>
      {openError ? (
        <p className="form-message form-message--error" role="alert">
          {openError}
        </p>
      ) : null}
      {kinds.length === 0 ? null : adding ? (
        <AddDocumentForm
          collection={collection}
          recordId={record.id}
          kinds={kinds}
          onDone={() => setAdding(false)}
        />
      ) : (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          {t('documents.add')}
        </button>
      )}
    </section>
  );
}
