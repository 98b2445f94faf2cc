import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import type { Site, Unit } from '../../domain/accounts';
import { UnitForm } from './UnitForm';

/** Which unit the dialog edits: an existing one, a new one, or none (closed). */
type Editing = { unit: Unit } | { unit: undefined } | undefined;

/**
 * The protection units as a table; a unit is changed (or added) in a dialog
 * with its own Save, so no save bar ever sits over another unit's fields.
 */
export function UnitsTable({ units, sites, onDone }: { units: Unit[]; sites: Site[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (editing && !element.open) element.showModal();
    if (!editing && element.open) element.close();
  }, [editing]);

  const columns = useMemo((): DataColumn<Unit>[] => {
    const siteName = (unit: Unit) => sites.find((s) => s.id === unit.siteId)?.name ?? unit.siteId;
    const promise = (unit: Unit) =>
      t('admin.unit.promise', {
        amount: unit.callbackHours,
        basis: t(`admin.unit.basis.${unit.callbackBasis ?? 'working_hours'}`),
      });
    return [
      { id: 'name', header: t('admin.unit.name'), cell: (unit) => unit.name, sortValue: (unit) => unit.name },
      { id: 'site', header: t('admin.unit.site'), cell: siteName, sortValue: siteName },
      { id: 'promise', header: t('admin.unit.callbackAmount'), cell: promise, sortValue: (unit) => unit.callbackHours },
      {
        id: 'edit',
        header: t('admin.unit.actions'),
        cell: (unit) => (
          <button
            type="button"
            className="button button--quiet"
            aria-label={t('admin.unit.editNamed', { name: unit.name })}
            onClick={() => setEditing({ unit })}
          >
            {t('admin.unit.edit')}
          </button>
        ),
      },
    ];
  }, [sites, t]);

  return (
    <>
      <DataTable
        caption={t('admin.unit.title')}
        rows={units}
        columns={columns}
        getRowId={(unit) => unit.id}
        urlKey="units-"
        defaultSort="name"
        empty={<p>{t('admin.unit.none')}</p>}
      />
      {sites.length > 0 ? (
        <button type="button" className="button" onClick={() => setEditing({ unit: undefined })}>
          {t('admin.unit.add')}
        </button>
      ) : (
        <p>{t('admin.unit.needSite')}</p>
      )}
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby="unit-dialog-title"
        onClose={() => setEditing(undefined)}
      >
        {editing ? (
          <>
            <h2 id="unit-dialog-title">
              {editing.unit ? t('admin.unit.editNamed', { name: editing.unit.name }) : t('admin.unit.addTitle')}
            </h2>
            <UnitForm
              key={editing.unit?.id ?? 'new'}
              unit={editing.unit}
              sites={sites}
              onDone={() => {
                setEditing(undefined);
                onDone();
              }}
            />
            <button type="button" className="button button--quiet" onClick={() => setEditing(undefined)}>
              {t('admin.cancel')}
            </button>
          </>
        ) : null}
      </dialog>
    </>
  );
}
