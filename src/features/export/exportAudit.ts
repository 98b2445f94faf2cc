import type { ExportEvent } from '../../domain/exportAudit';
import { api } from '../../sync/apiClient';
import { offerDownload } from '../../ui/download';

/** Tells the server's audit log about an export; throws ApiCallError (status 0 when offline). */
export async function reportExport(event: ExportEvent): Promise<void> {
  await api.audit.exports(event);
}

/** Offers the CSV as a download (with a byte-order mark so spreadsheets read UTF-8 names correctly). */
export function downloadCsv(csv: string, fileName: string): void {
  offerDownload(['\uFEFF', csv], 'text/csv;charset=utf-8', fileName);
}
