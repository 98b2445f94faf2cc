import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import {
  groupRows,
  IMPORT_FIELDS,
  MAX_IMPORT_ROWS_PER_CHUNK,
  REQUIRED_IMPORT_FIELDS,
  validateGroup,
  type ImportField,
  type ImportOutcome,
  type ImportRow,
} from '../../domain/importRows';
import { useSessionUser } from '../auth';
import { useApiErrorText } from '../admin';
import { api } from '../../sync/apiClient';
import {
  fileKeyOf,
  guessMapping,
  mappedRows,
  readSpreadsheet,
  savedMapping,
  saveMapping,
  type Mapping,
  type Sheet,
  UnreadableSpreadsheetError,
} from './importFile';
import { ImportReport } from './ImportReport';

interface Loaded {
  name: string;
  fileKey: string;
  sheet: Sheet;
}

/** Chunks that never split a family: the server writes a family with all its rows or none. */
function chunksOf(rows: readonly ImportRow[]): ImportRow[][] {
  const chunks: ImportRow[][] = [];
  let chunk: ImportRow[] = [];
  for (const group of groupRows(rows)) {
    if (chunk.length > 0 && chunk.length + group.rows.length > MAX_IMPORT_ROWS_PER_CHUNK) {
      chunks.push(chunk);
      chunk = [];
    }
    chunk.push(...group.rows.slice(0, MAX_IMPORT_ROWS_PER_CHUNK));
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/**
 * A coordinator imports households and people from a CSV or XLSX file: map the
 * columns, see every row checked with the intake's rules, a dry run on the
 * server (duplicates), then the import in chunks with progress and a report.
 */
export function ImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('import.title'));
  const errorText = useApiErrorText();
  const user = useSessionUser();
  const siteIds = user?.siteIds ?? [];
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [mapping, setMapping] = useState<Mapping>([]);
  const [siteId, setSiteId] = useState<string>(siteIds[0] ?? '');
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [outcome, setOutcome] = useState<{ outcome: ImportOutcome; dryRun: boolean } | undefined>();
  const [error, setError] = useState<string | undefined>();

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setOutcome(undefined);
    setError(undefined);
    if (!file) return;
    let sheet: Sheet;
    try {
      sheet = await readSpreadsheet(file);
    } catch (failure) {
      if (!(failure instanceof UnreadableSpreadsheetError)) throw failure;
      setLoaded(undefined);
      setError(t('import.unreadable'));
      return;
    }
    if (sheet.headers.length === 0 || sheet.cells.length === 0) {
      setLoaded(undefined);
      setError(t('import.empty'));
      return;
    }
    setLoaded({ name: file.name, fileKey: await fileKeyOf(file), sheet });
    setMapping(savedMapping(sheet.headers) ?? guessMapping(sheet.headers));
  };

  const rows = loaded ? mappedRows(loaded.sheet, mapping) : [];
  const missing = REQUIRED_IMPORT_FIELDS.filter((field) => !mapping.includes(field));
  const localRefusals =
    missing.length > 0
      ? []
      : groupRows(rows).flatMap((group) => {
          const checked = validateGroup(group);
          return checked.ok ? [] : checked.refused;
        });

  const run = async (dryRun: boolean) => {
    if (!loaded) return;
    saveMapping(loaded.sheet.headers, mapping);
    const total: ImportOutcome = { written: [], unchanged: [], duplicates: [], refused: [] };
    setOutcome(undefined);
    setError(undefined);
    setProgress({ done: 0, total: rows.length });
    try {
      for (const chunk of chunksOf(rows)) {
        const answer = await api.importRows({ fileKey: loaded.fileKey, siteId, dryRun, rows: chunk });
        total.written.push(...answer.written);
        total.unchanged.push(...answer.unchanged);
        total.duplicates.push(...answer.duplicates);
        total.refused.push(...answer.refused);
        setProgress((before) => ({ done: (before?.done ?? 0) + chunk.length, total: rows.length }));
      }
      setOutcome({ outcome: total, dryRun });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setProgress(undefined);
    }
  };

  const setField = (column: number, field: string) => {
    const next = [...mapping];
    next[column] = field === '' ? undefined : (field as ImportField);
    setMapping(next);
  };

  return (
    <>
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <div className="field">
        <label className="field__label" htmlFor="import-file">
          {t('import.file')}
        </label>
        <input id="import-file" type="file" accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(event) => void onFile(event)} />
      </div>
      {error ? (
        <p className="form-message form-message--error" role="alert">
          {error}
        </p>
      ) : null}
      {loaded ? (
        <>
          <p>{t('import.loaded', { name: loaded.name, count: loaded.sheet.cells.length })}</p>
          <div className="field">
            <label className="field__label" htmlFor="import-site">
              {t('import.site')}
            </label>
            <select id="import-site" value={siteId} onChange={(event) => setSiteId(event.target.value)}>
              {siteIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend>{t('import.mapping')}</legend>
            {loaded.sheet.headers.map((header, column) => (
              <div className="field" key={`${header}-${column}`}>
                <label className="field__label" htmlFor={`import-column-${column}`}>
                  {header || t('import.column', { number: column + 1 })}
                </label>
                <select
                  id={`import-column-${column}`}
                  value={mapping[column] ?? ''}
                  onChange={(event) => setField(column, event.target.value)}
                >
                  <option value="">{t('import.ignore')}</option>
                  {IMPORT_FIELDS.map((field) => (
                    <option key={field} value={field}>
                      {t(`import.field.${field}`)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
          {missing.length > 0 ? (
            <p className="form-message form-message--error" role="alert">
              {t('import.missing', { fields: missing.map((field) => t(`import.field.${field}`)).join(', ') })}
            </p>
          ) : (
            <div>
              <ImportReport
                outcome={{ written: [], unchanged: [], duplicates: [], refused: localRefusals }}
                dryRun
                preview
              />
              <p>{t('import.previewSummary', { count: rows.length, refused: localRefusals.length })}</p>
              <button
                type="button"
                className="button"
                disabled={Boolean(progress)}
                onClick={() => void run(true)}
              >
                {t('import.dryRun')}
              </button>{' '}
              <button
                type="button"
                className="button button--primary"
                disabled={Boolean(progress) || !outcome?.dryRun}
                onClick={() => void run(false)}
              >
                {t('import.run', { count: rows.length - localRefusals.length })}
              </button>
            </div>
          )}
        </>
      ) : null}
      {progress ? (
        <p role="status">
          <progress max={progress.total} value={progress.done} aria-label={t('import.progressLabel')} />{' '}
          {t('import.progress', { done: progress.done, total: progress.total })}
        </p>
      ) : null}
      {outcome ? <ImportReport outcome={outcome.outcome} dryRun={outcome.dryRun} /> : null}
    </>
  );
}
