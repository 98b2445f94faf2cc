import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { StorageFullError } from '../../db/storageFull';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import type { Conflict } from '../../domain/conflict';
import { InvalidRecordError, RecordNotFoundError } from '../../db/recordWrites';
import { useDirectory } from '../coordination/useDirectoryNames';
import { ConflictCard } from './ConflictCard';
import { ConflictAlreadyResolvedError, resolveConflict } from './operations';
import { useOpenConflicts } from './useOpenConflicts';
import './review.css';

/** Open conflicts, oldest first: a coordinator chooses a value for each, as an ordinary synced edit. */
export function ConflictReviewPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('review.title'));
  const db = useDatabase();
  const actor = useActor();
  const conflicts = useOpenConflicts();
  const directory = useDirectory();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | undefined>();

  const onResolve = async (conflict: Conflict, valueJson: string) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await resolveConflict(db, actor, conflict.id, valueJson);
      setMessage({ kind: 'success', text: t('review.resolved') });
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
            {conflicts.map((conflict) => (
              <ConflictCard
                key={conflict.id}
                conflict={conflict}
                names={directory.users}
                busy={busy}
                onResolve={(c, value) => void onResolve(c, value)}
              />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
