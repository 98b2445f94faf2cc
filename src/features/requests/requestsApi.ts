/** A person's request on the server (sync-server/src/routes/erasure.ts), online only, with the session's token. */
import {
  erasureListSchema,
  erasureSchema,
  subjectExportSchema,
  type Erasure,
  type ErasureRequest,
  type Subject,
  type SubjectExport,
} from '../../domain/erasure';
import { apiRequest } from '../auth/authApi';
import { baseUrl, currentToken } from '../auth/session';

export async function fetchSubjectExport(subject: Subject): Promise<SubjectExport> {
  return subjectExportSchema.parse(
    await apiRequest<unknown>(baseUrl(), currentToken(), '/api/subjects/export', { method: 'POST', body: subject }),
  );
}

export async function fetchErasures(): Promise<Erasure[]> {
  return erasureListSchema.parse(await apiRequest<unknown>(baseUrl(), currentToken(), '/api/erasures')).erasures;
}

export async function askForErasure(request: ErasureRequest): Promise<Erasure> {
  return erasureSchema.parse(
    await apiRequest<unknown>(baseUrl(), currentToken(), '/api/erasures', { method: 'POST', body: request }),
  );
}

export async function confirmErasure(id: string): Promise<Erasure> {
  return erasureSchema.parse(
    await apiRequest<unknown>(baseUrl(), currentToken(), `/api/erasures/${encodeURIComponent(id)}/confirm`, {
      method: 'POST',
    }),
  );
}
