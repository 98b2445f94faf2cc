import { useTranslation } from 'react-i18next';
import type { CallbackGroup } from '../../domain/reports/helpline';
import { formatShare } from './formatShare';

/** Call-backs kept on time per group (unit or language), as a table: the exact numbers, printable. */
export function CallbackTable({ title, groups, name }: { title: string; groups: readonly CallbackGroup[]; name: (key: string) => string }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="report-card">
      <h2>{title}</h2>
      {groups.length === 0 ? (
        <p>{t('dashboard.noData')}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.group')}</th>
              <th scope="col" className="num">{t('dashboard.onTime')}</th>
              <th scope="col" className="num">{t('dashboard.late')}</th>
              <th scope="col" className="num">{t('dashboard.pending')}</th>
              <th scope="col" className="num">{t('dashboard.shareOnTime')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.key}>
                <th scope="row">{name(group.key)}</th>
                <td className="num">{group.onTime}</td>
                <td className="num">{group.late}</td>
                <td className="num">{group.pending}</td>
                <td className="num">{formatShare(group.share, i18n.language, t('dashboard.notApplicable'))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
