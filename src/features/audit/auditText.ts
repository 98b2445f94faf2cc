/**
 * An audit entry in words: the action with its outcome ("Verification
 * attempt — failed"), the fields a change touched, and where the record it
 * concerns can be opened. Pure, beside the screen that uses it.
 */
import type { TFunction } from 'i18next';
import { fieldLabel } from '../../ui/fieldText';
import { knownKey } from '../../app/translationKeys';

export interface AuditEntryView {
  action: string;
  collection?: string | undefined;
  recordId?: string | undefined;
  details?: unknown;
}

/** The actions the filter offers, in the order a coordinator thinks of them. */
export const AUDIT_FILTER_ACTIONS = [
  'create',
  'change',
  'conflict',
  'read',
  'export',
  'helpline.verification_attempt',
  'helpline.verification_override',
  'login',
  'login_failed',
  'logout',
  'password_change',
  'admin.user_create',
  'admin.user_update',
  'admin.password_reset',
  'admin.site_create',
  'admin.site_update',
  'admin.unit_create',
  'admin.unit_update',
] as const;

function detailsOf(entry: AuditEntryView): Record<string, unknown> {
  return entry.details && typeof entry.details === 'object' && !Array.isArray(entry.details)
    ? (entry.details as Record<string, unknown>)
    : {};
}

/** The action's name in the interface language; an action this version does not know says so in words. */
export function actionName(t: TFunction, action: string): string {
  const key = knownKey(`audit.actions.${action.replace(/\W/g, '_')}`);
  return key ? t(key) : t('audit.otherAction');
}

/** "Verification attempt — failed", "Changed: Contact phone, Notes", "Deleted". */
export function actionText(t: TFunction, entry: AuditEntryView): string {
  const details = detailsOf(entry);
  if (entry.action === 'helpline.verification_attempt' && typeof details.passed === 'boolean') {
    return t('audit.withOutcome', {
      action: actionName(t, entry.action),
      outcome: details.passed ? t('audit.outcome.passed') : t('audit.outcome.failed'),
    });
  }
  if (entry.action === 'change') {
    const deleted = details._deleted;
    if (Array.isArray(deleted) && deleted[1] === true) return t('audit.deleted');
    const fields = changedFields(t, entry);
    return fields.length > 0
      ? t('audit.changedFields', { fields: fields.join(', ') })
      : actionName(t, entry.action);
  }
  return actionName(t, entry.action);
}

/** The fields a change entry moved, by their labels (internal fields left out). */
export function changedFields(t: TFunction, entry: AuditEntryView): string[] {
  const collection = entry.collection ?? '';
  return Object.entries(detailsOf(entry))
    .filter(([field, value]) => !field.startsWith('_') && Array.isArray(value) && value.length === 2)
    .map(([field]) => fieldLabel(t, collection, field))
    .sort((a, b) => a.localeCompare(b));
}

/** Where the record an entry concerns opens in the app, when it has a screen. */
export function recordPath(entry: AuditEntryView): string | undefined {
  const details = detailsOf(entry);
  const id = entry.recordId;
  if (entry.collection === 'households' && id) return `/households/${encodeURIComponent(id)}`;
  // A call's verification names the family the caller asked about.
  if (typeof details.householdId === 'string') return `/households/${encodeURIComponent(details.householdId)}`;
  if (entry.action.startsWith('admin.user_') || entry.action === 'admin.password_reset') {
    return id ? `/admin/users/${encodeURIComponent(id)}` : undefined;
  }
  if (entry.action.startsWith('admin.site_') || entry.action.startsWith('admin.unit_')) return '/admin/sites';
  if (entry.collection && id) return `/history/${encodeURIComponent(entry.collection)}/${encodeURIComponent(id)}`;
  return undefined;
}

/** What the record column says: its kind in words and a short id. */
export function recordText(t: TFunction, entry: AuditEntryView): string {
  const details = detailsOf(entry);
  const kindKey = knownKey(`review.collections.${entry.collection ?? ''}`);
  const kind = kindKey ? t(kindKey) : (entry.collection ?? '');
  const id = entry.recordId ?? '';
  const short = id.length > 10 ? `${id.slice(0, 8)}…` : id;
  if (typeof details.householdId === 'string' && entry.collection === 'calls') {
    return t('audit.callAbout', { id: short });
  }
  if (kind !== kindKey) return `${kind} ${short}`.trim();
  if (entry.action.startsWith('admin.user_') || entry.action === 'admin.password_reset') return t('audit.userRecord', { id: short });
  if (entry.action.startsWith('admin.site_')) return t('audit.siteRecord', { id: short });
  if (entry.action.startsWith('admin.unit_')) return t('audit.unitRecord', { id: short });
  return short;
}
