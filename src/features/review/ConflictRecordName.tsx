import { Link } from 'react-router';
import { DELETED_FIELD, type Conflict } from '../../domain/conflict';
import { deletedRecordName } from './DeletionConflictCard';
import { useRecordLabel } from './useOpenConflicts';

/** The conflicted record as a coordinator knows it (the family's or the person's name), linking to a family. */
export function ConflictRecordName({ conflict }: { conflict: Conflict }) {
  const label = useRecordLabel(conflict.recordCollection, conflict.recordId);
  if (conflict.field === DELETED_FIELD) return <>{deletedRecordName(conflict)}</>;
  const name = label || conflict.recordId;
  return conflict.recordCollection === 'households' ? <Link to={`/households/${conflict.recordId}`}>{name}</Link> : <>{name}</>;
}
