/**
 * The app's one data table: sorting (aria-sort on the header), paging, an
 * optional bulk-selection slot, and cards instead of columns on a phone.
 * TanStack Table (headless) keeps the row models; this file owns the markup.
 *
 * Sort and page live in the address (`<urlKey>sort`, `<urlKey>page`) so Back
 * and reload keep them, like the screens' own filters (see useUrlFilters).
 * Only the shown page's cells are rendered, so 100 000 rows stay usable: the
 * sort works on the values `sortValue` returns, computed once per row.
 */
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  createPaginatedRowModel,
  createSortedRowModel,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type PaginationState,
  type RowData,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';

export interface DataColumn<Row extends RowData> {
  id: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** Makes the column sortable: the value rows are ordered by. */
  sortValue?: (row: Row) => string | number;
  /** Dates, phone numbers, counts: never wrapped. */
  nowrap?: boolean;
}

export interface DataTableProps<Row extends RowData> {
  /** The table's accessible name (a caption, visually hidden). */
  caption: string;
  rows: readonly Row[];
  /**
   * The rows are already the one page the address asks for, read from an
   * index (a device holding 100 000 families): the table shows this total,
   * and the screen reads `page` and `sort` from the address (see tablePage).
   */
  total?: number;
  columns: readonly DataColumn<Row>[];
  getRowId: (row: Row) => string;
  /** Prefix of this table's address parameters; two tables on one screen need two. */
  urlKey?: string;
  pageSize?: number;
  /** The order before the person picks one: a column id, `-` first for descending. */
  defaultSort?: string;
  /** Shown instead of the table when there is no row. */
  empty: ReactNode;
  /** On the row's element: its <tr>, or with `rowDetail` the <tbody> holding the row and its detail. */
  rowClassName?: (row: Row) => string | undefined;
  /**
   * Under each row, across the table's width: what needs more room than a
   * cell (a call-back form, two values side by side). The row and its detail
   * are one <tbody>, so they sort, page and read as one.
   */
  rowDetail?: (row: Row) => ReactNode;
  /** Extra class on the table's box (screens and tests find their table by it). */
  className?: string;
  /** Bulk actions: rows get a checkbox; the slot receives the chosen ids and a way to clear them. */
  selection?: {
    rowLabel: (row: Row) => string;
    actions: (selectedIds: string[], clear: () => void) => ReactNode;
  };
}

const DEFAULT_PAGE_SIZE = 25;

const features = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  rowSelectionFeature,
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
});

const collators = new Map<string, Intl.Collator>();
function collator(language: string): Intl.Collator {
  let found = collators.get(language);
  if (!found) {
    found = new Intl.Collator(language, { numeric: true, sensitivity: 'base' });
    collators.set(language, found);
  }
  return found;
}

/**
 * The page and sort the address asks a table for, for a screen that reads its
 * rows page by page (DataTable's `total`): the 0-based offset and the sort.
 */
export function tablePage(
  params: URLSearchParams,
  { urlKey = '', pageSize = DEFAULT_PAGE_SIZE, defaultSort }: { urlKey?: string; pageSize?: number; defaultSort?: string },
): { offset: number; limit: number; sort: string | undefined } {
  const page = Math.max(1, Math.floor(Number(params.get(`${urlKey}page`)) || 1));
  return { offset: (page - 1) * pageSize, limit: pageSize, sort: params.get(`${urlKey}sort`) ?? defaultSort };
}

function parseSort(value: string | null, columnIds: readonly string[]): SortingState {
  if (!value) return [];
  const desc = value.startsWith('-');
  const id = desc ? value.slice(1) : value;
  return columnIds.includes(id) ? [{ id, desc }] : [];
}

function joinClasses(...names: (string | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

function resolve<T>(updater: Updater<T>, old: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(old) : updater;
}

export function DataTable<Row extends RowData>({
  caption,
  rows,
  total,
  columns,
  getRowId,
  urlKey = '',
  pageSize = DEFAULT_PAGE_SIZE,
  defaultSort,
  empty,
  rowClassName,
  rowDetail,
  className,
  selection,
}: DataTableProps<Row>) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const sortableIds = useMemo(() => columns.filter((c) => c.sortValue).map((c) => c.id), [columns]);
  const sortParam = `${urlKey}sort`;
  const pageParam = `${urlKey}page`;
  const sorting = parseSort(params.get(sortParam) ?? defaultSort ?? null, sortableIds);
  const requestedPage = Math.max(1, Math.floor(Number(params.get(pageParam)) || 1));
  const rowCount = total ?? rows.length;
  const pageCount = Math.max(1, Math.ceil(rowCount / pageSize));
  const pagination: PaginationState = { pageIndex: Math.min(requestedPage, pageCount) - 1, pageSize };
  const language = i18n.language;

  const columnDefs = useMemo(
    () =>
      columns.map(
        (column): ColumnDef<typeof features, Row, unknown> => ({
          id: column.id,
          header: column.header,
          accessorFn: (row: Row) => column.sortValue?.(row) ?? '',
          enableSorting: column.sortValue !== undefined,
          sortFn: (a, b, id) => {
            const x = a.getValue(id);
            const y = b.getValue(id);
            if (typeof x === 'number' && typeof y === 'number') return x - y;
            return collator(language).compare(String(x), String(y));
          },
        }),
      ),
    [columns, language],
  );

  const update = (changes: Record<string, string | undefined>) =>
    setParams((old) => {
      const next = new URLSearchParams(old);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });

  const table = useTable({
    features,
    columns: columnDefs,
    data: rows as Row[],
    getRowId: (row: Row) => getRowId(row),
    state: { sorting, pagination, rowSelection },
    enableSortingRemoval: false,
    autoResetPageIndex: false,
    manualPagination: total !== undefined,
    manualSorting: total !== undefined,
    rowCount,
    enableRowSelection: selection !== undefined,
    onRowSelectionChange: (updater) => setRowSelection((old) => resolve(updater, old)),
    onSortingChange: (updater) => {
      const [next] = resolve(updater, sorting);
      update({ [sortParam]: next ? `${next.desc ? '-' : ''}${next.id}` : undefined, [pageParam]: undefined });
    },
    onPaginationChange: (updater) => {
      const next = resolve(updater, pagination);
      update({ [pageParam]: next.pageIndex > 0 ? String(next.pageIndex + 1) : undefined });
    },
  });

  if (rowCount === 0) return <>{empty}</>;

  const byId = new Map(columns.map((c) => [c.id, c]));
  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const first = pagination.pageIndex * pageSize + 1;
  const last = Math.min(rowCount, first + pageSize - 1);

  type ShownRow = ReturnType<typeof table.getRowModel>['rows'][number];
  const rowCells = (row: ShownRow, rowClass?: string) => (
    <tr className={rowClass}>
      {selection ? (
        <td className="data-table__check">
          <input
            type="checkbox"
            aria-label={t('table.selectRow', { row: selection.rowLabel(row.original) })}
            checked={row.getIsSelected()}
            onChange={row.getToggleSelectedHandler()}
          />
        </td>
      ) : null}
      {row.getAllCells().map((cell) => {
        const column = byId.get(cell.column.id);
        return (
          <td
            key={cell.id}
            data-label={column?.header}
            className={column?.nowrap ? 'data-table__nowrap' : undefined}
          >
            {/* One box for the value: on a phone the cell is a grid of the column's name and this. */}
            <div className="data-table__value">{column?.cell(row.original)}</div>
          </td>
        );
      })}
    </tr>
  );

  return (
    <div className={className ? `data-table ${className}` : 'data-table'}>
      {selection ? (
        <div className="data-table__bulk" role="group" aria-label={t('table.bulkLabel')}>
          <span role="status">{t('table.selected', { selected: selectedIds.length })}</span>
          {selectedIds.length > 0 ? selection.actions(selectedIds, () => setRowSelection({})) : null}
        </div>
      ) : null}
      <div className="data-table__box">
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {selection ? (
                  <th scope="col" className="data-table__check">
                    <input
                      type="checkbox"
                      aria-label={t('table.selectPage')}
                      checked={table.getIsAllPageRowsSelected()}
                      onChange={(event) => table.toggleAllPageRowsSelected(event.target.checked)}
                    />
                  </th>
                ) : null}
                {group.headers.map((header) => {
                  const column = byId.get(header.column.id);
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="data-table__sort"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {column?.header}
                          <span aria-hidden="true" className="data-table__arrow">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        column?.header
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          {rowDetail ? (
            table.getRowModel().rows.map((row) => (
              <tbody key={row.id} className={joinClasses('data-table__group', rowClassName?.(row.original))}>
                {rowCells(row)}
                <tr className="data-table__detail">
                  <td colSpan={columns.length + (selection ? 1 : 0)}>{rowDetail(row.original)}</td>
                </tr>
              </tbody>
            ))
          ) : (
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <Fragment key={row.id}>{rowCells(row, rowClassName?.(row.original))}</Fragment>
              ))}
            </tbody>
          )}
        </table>
      </div>
      <nav className="data-table__pager" aria-label={t('table.pages', { caption })}>
        <span>{t('table.showing', { first, last, total: rowCount })}</span>
        {pageCount > 1 ? (
          <span className="data-table__pager-buttons">
            <button
              type="button"
              className="button button--quiet"
              disabled={!table.getCanPreviousPage()}
              onClick={() => table.previousPage()}
            >
              {t('table.previous')}
            </button>
            <span>{t('table.page', { page: pagination.pageIndex + 1, pages: pageCount })}</span>
            <button
              type="button"
              className="button button--quiet"
              disabled={!table.getCanNextPage()}
              onClick={() => table.nextPage()}
            >
              {t('table.next')}
            </button>
          </span>
        ) : null}
      </nav>
    </div>
  );
}
