import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRelativeTime } from '../../app/format';
import { needsSupervisor, type Call } from '../../domain/calls';
import { languageName } from '../../domain/languages';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { formatDayAndTime } from '../../ui/dates';
import { officeHoursOf, useHelpline } from '../helpline';
import { QueueCallActions, type RecordedCallback } from './QueueCallActions';
import type { QueueItem } from './queueOrder';

/**
 * The open escalations as a table, in the queue's order (overdue first) until
 * the officer sorts by a column; under each row, its history and actions.
 */
export function OpenCallsTable({
  items,
  now,
  caption,
  onRecorded,
}: {
  items: readonly QueueItem[];
  now: Date;
  caption: string;
  onRecorded: (recorded: RecordedCallback) => void;
}) {
  const { t, i18n } = useTranslation();
  const { units, focalPoints, config } = useHelpline();
  const language = i18n.language;
  const columns = useMemo((): DataColumn<QueueItem>[] => {
    const unitName = (uid: string) => units.find((u) => u.id === uid)?.name ?? uid;
    const personName = (uid: string) => focalPoints.find((p) => p.id === uid)?.displayName ?? uid;
    const assigned = ({ call }: QueueItem) =>
      call.assignedUnitId
        ? t('queue.assigned', {
            unit: unitName(call.assignedUnitId),
            person: call.assignedTo ? personName(call.assignedTo) : t('helpline.wholeUnit'),
          })
        : t('queue.voicemail');
    // In the zone of the unit's office, and saying which zone: an officer elsewhere is never misled.
    const dueText = (call: Call) =>
      formatDayAndTime(call.dueAt, language, {
        timeZone: officeHoursOf(
          units.find((u) => u.id === call.assignedUnitId),
          config,
        ).timeZone,
      });
    const category = ({ call }: QueueItem) => t(`helpline.categories.${call.category}`);
    const callerLanguage = ({ call }: QueueItem) => languageName(call.callerLanguage, language);
    return [
      {
        id: 'summary',
        header: t('queue.columns.summary'),
        cell: ({ call, overdue }) => (
          <>
            <span className="queue-item__summary">{call.summary}</span>
            {overdue ? <strong className="queue-item__overdue"> {t('queue.overdue')}</strong> : null}
            {needsSupervisor(call, config.verification.maxFailedAttempts) ? (
              <strong className="queue-item__overdue"> {t('queue.flagged')}</strong>
            ) : null}
          </>
        ),
        sortValue: ({ call }) => call.summary,
      },
      {
        id: 'due',
        header: t('queue.columns.due'),
        cell: ({ call }) => (
          <>
            {dueText(call)}
            <br />
            <span className="task__meta">{formatRelativeTime(new Date(call.dueAt), now, language)}</span>
          </>
        ),
        sortValue: ({ call }) => call.dueAt,
      },
      { id: 'category', header: t('queue.columns.category'), cell: category, sortValue: category },
      { id: 'language', header: t('queue.columns.language'), cell: callerLanguage, sortValue: callerLanguage },
      {
        id: 'caller',
        header: t('queue.columns.caller'),
        cell: ({ call }) => (
          <>
            {t(`queue.verification.${call.verificationStatus}`)}
            {call.callerPhone ? (
              <>
                <br />
                <a href={`tel:${call.callerPhone}`} dir="ltr">
                  {call.callerPhone}
                </a>
              </>
            ) : null}
          </>
        ),
      },
      { id: 'assigned', header: t('queue.columns.assigned'), cell: assigned, sortValue: assigned },
    ];
  }, [t, language, units, focalPoints, config, now]);

  return (
    <DataTable
      className="queue-table"
      caption={caption}
      rows={items}
      columns={columns}
      getRowId={(item) => item.call.id}
      rowClassName={({ overdue }) => (overdue ? 'queue-item queue-item--overdue' : 'queue-item')}
      rowDetail={({ call }) => <QueueCallActions call={call} onRecorded={onRecorded} />}
      empty={<p>{t('queue.empty')}</p>}
    />
  );
}
