import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useToast } from '../../ui/toastStore';
import { StorageFullError } from '../../db/storageFull';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { DELETED_FIELD, type Conflict } from '../../domain/conflict';
import { mayResolveConflictsOn } from '../../domain/access';
import { useSessionRoles } from '../auth';
import { InvalidRecordError, RecordNotFoundError } from '../../db/recordWrites';
import { useDirectory } from '../../sync/useDirectory';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { FormMessage, type FormMessageValue } from '../../ui/FormMessage';
import { formatDateTime } from '../../ui/dates';
import { ConflictCard } from './ConflictCard';
import { ConflictRecordName } from './ConflictRecordName';
import { fieldLabel } from './conflictValueText';
import { DeletionConflictCard } from './DeletionConflictCard';
import {
  confirmDeletion,
  ConflictAlreadyResolvedError,
  resolveConflict,
  restoreWithEdit,
} from './operations';
import { useOpenConflicts } from './useOpenConflicts';
import './review.css';

/**
 * Open conflicts as a table, oldest first until sorted otherwise: a
 * coordinator chooses a value for each (under its row), as an ordinary synced
 * edit. The record-type filter (`type`) is in the address with the sort and page.
 */
export function ConflictReviewPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('review.title'));
  const db = useDatabase();
  const actor = useActor();
  const roles = useSessionRoles();
  const open = useOpenConflicts();
  // Only what this user may resolve (the server sends no other; a role changed since is filtered here too).
  const conflicts = open?.filter(
    (c) => roles !== undefined && mayResolveConflictsOn(roles, c.recordCollection),
  );
  const directory = useDirectory();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? '';
  const types = [...new Set(conflicts?.map((c) => c.recordCollection))].sort();
  const shown = conflicts?.filter((c) => type === '' || c.recordCollection === type);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const [message, setMessage] = useState<FormMessageValue | undefined>();

  const run = async (action: () => Promise<unknown>, success: string) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await action();
      setMessage({ ok: true, text: success });
      // The page's own line says what happened; the toast confirms the save wherever the person looks.
      toast.show(t('toast.conflictResolved'));
    } catch (error) {
      const text =
        error instanceof StorageFullError
          ? t('storage.full')
          : error instanceof ConflictAlreadyResolvedError
            ? t('review.alreadyResolved')
            : error instanceof RecordNotFoundError
              ? t('review.recordMissing')
              : error instanceof InvalidRecordError
                ? t('review.invalidValue')
                : t('review.failed');
      setMessage({ ok: false, text });
    }
    setBusy(false);
  };
  const onResolve = (conflict: Conflict, valueJson: string) =>
    run(() => resolveConflict(db, actor, conflict.id, valueJson), t('review.resolved'));
  const onRestore = (conflict: Conflict) =>
    run(() => restoreWithEdit(db, actor, conflict.id), t('review.deletion.restored'));
  const onConfirm = (conflict: Conflict) =>
    run(() => confirmDeletion(db, actor, conflict.id), t('review.deletion.confirmed'));

  const language = i18n.language;
  const collectionName = (collection: string) =>
    t(`review.collections.${collection}`, { defaultValue: collection });
  const what = (conflict: Conflict) =>
    conflict.field === DELETED_FIELD
      ? t('review.deletion.title')
      : fieldLabel(t, conflict.recordCollection, conflict.field);
  const columns: DataColumn<Conflict>[] = [
    {
      id: 'record',
      header: t('review.record'),
      cell: (conflict) => <ConflictRecordName conflict={conflict} />,
    },
    { id: 'what', header: t('review.what'), cell: what, sortValue: what },
    {
      id: 'type',
      header: t('review.type'),
      cell: (conflict) => collectionName(conflict.recordCollection),
      sortValue: (conflict) => collectionName(conflict.recordCollection),
    },
    {
      id: 'found',
      header: t('review.found'),
      cell: (conflict) => formatDateTime(conflict.createdAt, language),
      sortValue: (conflict) => conflict.createdAt,
    },
  ];

  return (
    <>
      <h1>{t('review.title')}</h1>
      <p>{t('review.intro')}</p>
      <FormMessage message={message} />
      {conflicts === undefined ? <p aria-busy="true">{t('review.loading')}</p> : null}
      {conflicts?.length === 0 ? <p role="status">{t('review.none')}</p> : null}
      {conflicts && conflicts.length > 0 ? (
        <>
          <p>{t('review.count', { count: conflicts.length })}</p>
          <div className="list-filters" role="search" aria-label={t('review.filters')}>
            <Field id="review-type" label={t('review.type')}>
              {(a11y) => (
                <select
                  {...a11y}
                  value={type}
                  onChange={(event) =>
                    setParams((old) => {
                      const next = new URLSearchParams(old);
                      if (event.target.value) next.set('type', event.target.value);
                      else next.delete('type');
                      next.delete('page');
                      return next;
                    })
                  }
                >
                  <option value="">{t('review.anyType')}</option>
                  {types.map((collection) => (
                    <option key={collection} value={collection}>
                      {collectionName(collection)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <DataTable
            className="conflict-list"
            caption={t('review.listLabel')}
            rows={shown ?? []}
            columns={columns}
            getRowId={(conflict) => conflict.id}
            rowClassName={(conflict) =>
              conflict.field === DELETED_FIELD ? 'conflict-row conflict-row--deletion' : 'conflict-row'
            }
            rowDetail={(conflict) =>
              conflict.field === DELETED_FIELD ? (
                <DeletionConflictCard
                  conflict={conflict}
                  names={directory.users}
                  busy={busy}
                  onRestore={(c) => void onRestore(c)}
                  onConfirm={(c) => void onConfirm(c)}
                />
              ) : (
                <ConflictCard
                  conflict={conflict}
                  names={directory.users}
                  busy={busy}
                  onResolve={(c, value) => void onResolve(c, value)}
                />
              )
            }
            empty={<p role="status">{t('review.noMatches')}</p>}
          />
        </>
      ) : null}
    </>
  );
}
