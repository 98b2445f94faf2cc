import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useLive } from '../../app/useLive';
import { useNow } from '../../app/useNow';
import { dueState } from '../../domain/deadlines';
import { myAssigneeKeys } from '../../domain/tasks';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { SearchField } from '../../ui/InputField';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { formatDateTime } from '../../ui/dates';
import { DueBadge } from '../cases';
import { useSessionRoles } from '../auth';
import { openTasksWithFamilies$, type TaskWithFamily } from './queries';
import { TaskForm } from './TaskForm';
import { useAssigneeText } from './useAssigneeText';
import { useMarkTaskDone } from './useMarkTaskDone';

/** A page of the list: long enough to scan on a phone, short enough to render at once. */
export const TASKS_PAGE_SIZE = 25;

const DUE_FILTERS = ['overdue', 'week'] as const;
type DueFilter = (typeof DUE_FILTERS)[number];
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * My open tasks: assigned to me or to one of my roles, overdue first, each
 * naming its family. The search (`q`) and the due filter (`due`) are in the
 * address with the table's sort and page, so Back and reload keep them.
 */
export function TasksPage() {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const roles = useSessionRoles() ?? [];
  const now = useNow(60_000);
  const keys = myAssigneeKeys(actor.userId, roles);
  const tasks = useLive(`tasks:${keys.join(',')}:${now.getTime()}`, () =>
    openTasksWithFamilies$(db, keys, now),
  );
  const assigneeText = useAssigneeText(actor.userId);
  const { markDone, failure } = useMarkTaskDone();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const dueParam = params.get('due');
  const due = DUE_FILTERS.includes(dueParam as DueFilter) ? (dueParam as DueFilter) : undefined;
  useDocumentTitle(t('tasks.title'));
  const language = i18n.language;

  const setFilter = (name: 'q' | 'due', value: string) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (value) next.set(name, value);
        else next.delete(name);
        next.delete('page');
        return next;
      },
      { replace: name === 'q' },
    );

  const shown = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase(language);
    const nowIso = now.toISOString();
    const weekIso = new Date(now.getTime() + WEEK_MS).toISOString();
    return (tasks ?? []).filter(({ task, familyName }) => {
      if (due === 'overdue' && task.dueAt >= nowIso) return false;
      if (due === 'week' && task.dueAt >= weekIso) return false;
      if (!needle) return true;
      return [task.title, familyName ?? ''].some((text) => text.toLocaleLowerCase(language).includes(needle));
    });
  }, [tasks, query, due, now, language]);

  const columns: DataColumn<TaskWithFamily>[] = [
    {
      id: 'due',
      header: t('tasks.dueAt'),
      cell: ({ task }) => (
        <>
          {dueState(task.dueAt, now) === 'overdue' ? (
            <span className="due-badge due-badge--overdue">{t('tasks.overdue')}</span>
          ) : (
            <DueBadge dueAt={task.dueAt} now={now} />
          )}{' '}
          <span className="data-table__nowrap">{formatDateTime(task.dueAt, language)}</span>
        </>
      ),
      sortValue: ({ task }) => task.dueAt,
    },
    {
      id: 'title',
      header: t('tasks.taskTitle'),
      cell: ({ task }) => <strong>{task.title}</strong>,
      sortValue: ({ task }) => task.title,
    },
    {
      id: 'family',
      header: t('tasks.family'),
      cell: ({ task, familyName }) =>
        familyName && task.recordId ? <Link to={`/households/${task.recordId}`}>{familyName}</Link> : '',
      sortValue: ({ familyName }) => familyName ?? '',
    },
    {
      id: 'assignee',
      header: t('tasks.assignedTo'),
      cell: ({ task }) => assigneeText(task) ?? '',
      sortValue: ({ task }) => assigneeText(task) ?? '',
    },
    {
      id: 'action',
      header: t('tasks.action'),
      cell: ({ task }) => (
        <button
          type="button"
          className="button"
          onClick={() => markDone(task)}
          aria-label={t('tasks.markDoneFor', { title: task.title })}
        >
          {t('tasks.markDone')}
        </button>
      ),
    },
  ];

  return (
    <>
      <h1>{t('tasks.title')}</h1>
      <div className="list-filters" role="search" aria-label={t('tasks.filters')}>
        <SearchField
          id="tasks-search"
          label={t('tasks.search')}
          value={query}
          onSearch={(text) => setFilter('q', text)}
        />
        <Field id="tasks-due" label={t('tasks.dueFilter')}>
          {(a11y) => (
            <select {...a11y} value={due ?? ''} onChange={(event) => setFilter('due', event.target.value)}>
              <option value="">{t('tasks.dueAny')}</option>
              {DUE_FILTERS.map((filter) => (
                <option key={filter} value={filter}>
                  {t(`tasks.dueFilters.${filter}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <FormMessage message={failureMessage(failure)} />
      {tasks === undefined ? <p role="status">{t('tasks.loading')}</p> : null}
      {tasks !== undefined ? (
        <DataTable
          className="task-list"
          caption={t('tasks.title')}
          rows={shown}
          columns={columns}
          getRowId={({ task }) => task.id}
          pageSize={TASKS_PAGE_SIZE}
          rowClassName={({ task }) =>
            dueState(task.dueAt, now) === 'overdue' ? 'task task--open task--overdue' : 'task task--open'
          }
          empty={<p role="status">{tasks.length === 0 ? t('tasks.none') : t('tasks.noMatches')}</p>}
        />
      ) : null}
      <TaskForm />
    </>
  );
}
