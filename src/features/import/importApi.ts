/** The import endpoint, called chunk by chunk with the session's token (online only). */
import { importOutcomeSchema, type ImportOutcome, type ImportRequest } from '../../domain/importRows';
import { apiRequest } from '../auth/authApi';
import { baseUrl, currentToken } from '../auth/session';

export async function importChunk(request: ImportRequest): Promise<ImportOutcome> {
  const body = await apiRequest<unknown>(baseUrl(), currentToken(), '/api/import/rows', {
    method: 'POST',
    body: request,
  });
  return importOutcomeSchema.parse(body);
}
