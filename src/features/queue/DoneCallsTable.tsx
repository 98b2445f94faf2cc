import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../domain/calls';
import { languageName } from '../../domain/languages';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { formatDateTime } from '../../ui/dates';
import { CallbackHistory } from './CallbackHistory';
import { lastCallbackAt } from './queueOrder';

/** Calls a call-back closed, latest first until sorted otherwise; under each, every call-back recorded on it. */
export function DoneCallsTable({ calls, caption }: { calls: readonly Call[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const columns = useMemo((): DataColumn<Call>[] => {
    const category = (call: Call) => t(`helpline.categories.${call.category}`);
    const callerLanguage = (call: Call) => languageName(call.callerLanguage, language);
    return [
      {
        id: 'summary',
        header: t('queue.columns.summary'),
        cell: (call) => <span className="queue-item__summary">{call.summary}</span>,
        sortValue: (call) => call.summary,
      },
      {
        id: 'closed',
        header: t('queue.columns.lastCallback'),
        cell: (call) => formatDateTime(lastCallbackAt(call), language),
        sortValue: lastCallbackAt,
      },
      { id: 'category', header: t('queue.columns.category'), cell: category, sortValue: category },
      { id: 'language', header: t('queue.columns.language'), cell: callerLanguage, sortValue: callerLanguage },
    ];
  }, [t, language]);

  return (
    <DataTable
      className="queue-table"
      caption={caption}
      rows={calls}
      columns={columns}
      getRowId={(call) => call.id}
      rowClassName={() => 'queue-item queue-item--done'}
      rowDetail={(call) => (
        <>
          <h3 className="queue-item__history-heading">{t('queue.callbacks')}</h3>
          <CallbackHistory call={call} />
        </>
      )}
      empty={<p>{t('queue.emptyDone')}</p>}
    />
  );
}
