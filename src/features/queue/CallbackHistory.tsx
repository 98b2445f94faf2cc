import { useTranslation } from 'react-i18next';
import { entriesInOrder, type Call } from '../../domain/calls';
import { useHelpline } from '../helpline';
import { formatDateTime } from '../../ui/dates';

/** A call's assignments and call-backs, oldest first: who was asked, what each call-back reached, by whom. */
export function CallbackHistory({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const { units, focalPoints } = useHelpline();
  const unitName = (uid: string) => units.find((u) => u.id === uid)?.name ?? uid;
  const personName = (uid: string) => focalPoints.find((p) => p.id === uid)?.displayName ?? uid;
  return (
    <ul className="plain-list">
      {entriesInOrder(call.assignments).map((a) => (
        <li key={a.id}>
          {t('queue.historyAssignment', {
            unit: unitName(a.unitId),
            at: formatDateTime(a.at, i18n.language),
          })}
        </li>
      ))}
      {entriesInOrder(call.callbacks).map((c) => (
        <li key={c.id}>
          {t('queue.historyCallbackBy', {
            result: t(`queue.result.${c.result}`),
            at: formatDateTime(c.at, i18n.language),
            person: personName(c.by),
          })}
          {c.note ? ` — ${c.note}` : ''}
        </li>
      ))}
    </ul>
  );
}
