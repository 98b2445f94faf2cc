import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useToast } from '../../ui/toastStore';
import { StorageFullError } from '../../db/storageFull';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { DELETED_FIELD, type Conflict } from '../../domain/conflict';
import { mayResolveConflictsOn } from '../../domain/access';
import { useSessionRoles } from '../auth/useSession';
import { InvalidRecordError, RecordNotFoundError } from '../../db/recordWrites';
import { useDirectory } from '../../sync/useDirectory';
import { ConflictCard } from './ConflictCard';
import { DeletionConflictCard } from './DeletionConflictCard';
import {
  confirmDeletion,
  ConflictAlreadyResolvedError,
  resolveConflict,
  restoreWithEdit,
} from './operations';
import { useOpenConflicts } from './useOpenConflicts';
import './review.css';

/** Open conflicts, oldest first: a coordinator chooses a value for each, as an ordinary synced edit. */
export function ConflictReviewPage() {
  const { t } = useTranslation();
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
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | undefined>();

  const run = async (action: () => Promise<unknown>, success: string) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await action();
      setMessage({ kind: 'success', text: success });
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
      setMessage({ kind: 'error', text });
    }
    setBusy(false);
  };
  const onResolve = (conflict: Conflict, valueJson: string) =>
    run(() => resolveConflict(db, actor, conflict.id, valueJson), t('review.resolved'));
  const onRestore = (conflict: Conflict) =>
    run(() => restoreWithEdit(db, actor, conflict.id), t('review.deletion.restored'));
  const onConfirm = (conflict: Conflict) =>
    run(() => confirmDeletion(db, actor, conflict.id), t('review.deletion.confirmed'));

  return (
    <>
      <h1>{t('review.title')}</h1>
      <p>{t('review.intro')}</p>
      {message ? (
        <p
          className={`form-message form-message--${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
      {conflicts === undefined ? <p aria-busy="true">{t('review.loading')}</p> : null}
      {conflicts?.length === 0 ? <p role="status">{t('review.none')}</p> : null}
      {conflicts && conflicts.length > 0 ? (
        <>
          <p>{t('review.count', { count: conflicts.length })}</p>
          <ul className="conflict-list" aria-label={t('review.listLabel')}>
            {conflicts.map((conflict) =>
              conflict.field === DELETED_FIELD ? (
                <DeletionConflictCard
                  key={conflict.id}
                  conflict={conflict}
                  names={directory.users}
                  busy={busy}
                  onRestore={(c) => void onRestore(c)}
                  onConfirm={(c) => void onConfirm(c)}
                />
              ) : (
                <ConflictCard
                  key={conflict.id}
                  conflict={conflict}
                  names={directory.users}
                  busy={busy}
                  onResolve={(c, value) => void onResolve(c, value)}
                />
              ),
            )}
          </ul>
        </>
      ) : null}
    </>
  );
}
