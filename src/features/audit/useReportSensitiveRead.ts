import { useEffect } from 'react';
import { canRead } from '../../domain/access';
import { useSessionRoles } from '../auth';
import { reportSensitiveRead } from './readReports';

/**
 * Reports, once per opening, that the user viewed a record's sensitive
 * details: only for roles that can read sensitive data (others never have it).
 */
export function useReportSensitiveRead(collection: string, recordId: string | undefined): void {
  const roles = useSessionRoles();
  const mayReadSensitive = roles !== undefined && canRead(roles, 'sensitive');
  useEffect(() => {
    if (mayReadSensitive && recordId) void reportSensitiveRead(collection, recordId);
  }, [collection, recordId, mayReadSensitive]);
}
