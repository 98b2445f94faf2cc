import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, type ImportOutcome } from '../../domain/importRows';
import type { TFunction } from 'i18next';

const MISSING = /required|received undefined|too small/i;

/** "sex: Invalid option…" (the schema's words) → "Not valid: Sex" in the person's language; the original stays as a tooltip. */
function reasonText(t: TFunction, reason: string): string {
  const match = /^(\w+): (.*)$/.exec(reason);
  if (!match) return reason;
  const [, field = '', message = ''] = match;
  if (field === 'household') return t('import.report.familyRefused');
  if (!(IMPORT_FIELDS as readonly string[]).includes(field)) return reason;
  const label = t(`import.field.${field}` as 'import.field.givenName');
  return MISSING.test(message)
    ? t('import.report.missingField', { field: label })
    : t('import.report.invalidField', { field: label });
}

/**
 * What an import (or its dry run) did: counts, then every refused row and
 * every held-back duplicate. `preview`: only the rows the intake rules refuse,
 * checked on the device before anything is sent.
 */
export function ImportReport({
  outcome,
  dryRun,
  preview = false,
}: {
  outcome: ImportOutcome;
  dryRun: boolean;
  preview?: boolean;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const title = preview
    ? t('import.preview')
    : dryRun
      ? t('import.report.dryRunTitle')
      : t('import.report.title');
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {preview ? null : (
        <ul>
          <li>
            {t(dryRun ? 'import.report.wouldWrite' : 'import.report.written', {
              count: outcome.written.length,
            })}
          </li>
          <li>{t('import.report.unchanged', { count: outcome.unchanged.length })}</li>
          <li>{t('import.report.duplicates', { count: outcome.duplicates.length })}</li>
          <li>{t('import.report.refused', { count: outcome.refused.length })}</li>
        </ul>
      )}
      {outcome.refused.length > 0 ? (
        <div className="table-scroll">
          <table className="admin-table" aria-label={t('import.report.refusedTitle')}>
            <caption>{t('import.report.refusedTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.report.row')}</th>
                <th scope="col">{t('import.report.why')}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.refused.map((refusal) => (
                <tr key={refusal.row}>
                  <td>{refusal.row}</td>
                  <td title={refusal.reasons.join('; ')}>
                    {refusal.reasons.map((reason) => reasonText(t, reason)).join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {outcome.duplicates.length > 0 ? (
        <div className="table-scroll">
          <table className="admin-table" aria-label={t('import.report.duplicatesTitle')}>
            <caption>{t('import.report.duplicatesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.report.row')}</th>
                <th scope="col">{t('import.report.matches')}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.duplicates.map((duplicate) => (
                <tr key={duplicate.row}>
                  <td>{duplicate.row}</td>
                  <td>{duplicate.matches.map((match) => match.name).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
