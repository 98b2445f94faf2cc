import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../domain/conflict';
import { editedFields } from '../../domain/conflictResolution';
import { isPlainObject, type JsonObject } from '../../domain/merge';
import { fieldLabel, isComputedField, readable } from './conflictValueText';
import { formatDateTime } from '../../ui/dates';

interface DeletionConflictCardProps {
  conflict: Conflict;
  names: Map<string, string>;
  busy: boolean;
  onRestore: (conflict: Conflict) => void;
  onConfirm: (conflict: Conflict) => void;
}

export function decoded(json: string | undefined): JsonObject | undefined {
  if (json === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A record deleted on one device while another changed it (conflict.ts,
 * DELETED_FIELD): who deleted it, who edited it and what they changed, and
 * the two ways out: bring it back with the edit, or keep it deleted. Shown
 * under the conflict's row in the review table.
 */
export function DeletionConflictCard({
  conflict,
  names,
  busy,
  onRestore,
  onConfirm,
}: DeletionConflictCardProps) {
  const { t, i18n } = useTranslation();
  const when = (at: string) => formatDateTime(at, i18n.language);
  const who = (userId: string) => names.get(userId) ?? userId;
  const collection = conflict.recordCollection;

  const changes = useMemo(() => {
    const after = decoded(conflict.rejected.valueJson) ?? {};
    const before = decoded(conflict.baseJson);
    return editedFields(before, after, (field) => isComputedField(collection, after, field));
  }, [conflict.rejected.valueJson, conflict.baseJson, collection]);

  return (
    <div className="conflict-card conflict-card--deletion">
      <p>{t('review.deletion.explain')}</p>
      <p className="conflict-deletion__who">
        {t('review.deletion.summary', {
          deletedDevice: conflict.kept.deviceId,
          deletedBy: who(conflict.kept.userId),
          deletedAt: when(conflict.kept.at),
          editedDevice: conflict.rejected.deviceId,
          editedBy: who(conflict.rejected.userId),
          editedAt: when(conflict.rejected.at),
        })}
      </p>
      <ul className="conflict-deletion__changes" aria-label={t('review.deletion.changesLabel')}>
        {changes.map((change) => (
          <li key={change.path}>
            {t('review.deletion.change', {
              field: fieldLabel(t, collection, change.path),
              before: readable(t, change.before),
              after: readable(t, change.after),
            })}
          </li>
        ))}
      </ul>
      <div className="conflict-deletion__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => onRestore(conflict)}
        >
          {t('review.deletion.restore')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => onConfirm(conflict)}>
          {t('review.deletion.confirm')}
        </button>
      </div>
    </div>
  );
}

/** A deleted record is not found by the usual label lookup: its name comes from the edited content. */
export function deletedRecordName(conflict: Conflict): string {
  const edited = decoded(conflict.rejected.valueJson) ?? {};
  const name = [edited.givenName, edited.familyName].filter((p): p is string => typeof p === 'string' && p !== '');
  return name.length > 0 ? name.join(' ') : conflict.recordId;
}
