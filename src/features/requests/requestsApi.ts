/** A person's request on the server (sync-server/src/routes/erasure.ts), online only, through the app's one client. */
import { z } from 'zod';
import {
  erasureListSchema,
  erasureSchema,
  subjectExportSchema,
  type Erasure,
  type ErasureRequest,
  type Subject,
  type SubjectExport,
} from '../../domain/erasure';
import { endpoint } from '../../sync/api/endpoint';
import { callApi } from '../../sync/apiClient';

const REQUESTS = {
  exportSubject: endpoint({
    method: 'POST',
    path: '/api/subjects/export',
    body: z.custom<Subject>(),
    response: subjectExportSchema,
  }),
  list: endpoint({ method: 'GET', path: '/api/erasures', response: erasureListSchema }),
  ask: endpoint({ method: 'POST', path: '/api/erasures', body: z.custom<ErasureRequest>(), response: erasureSchema }),
  confirm: endpoint({ method: 'POST', path: '/api/erasures/:id/confirm', response: erasureSchema }),
};

export async function fetchSubjectExport(subject: Subject): Promise<SubjectExport> {
  return callApi(REQUESTS.exportSubject, { body: subject });
}

export async function fetchErasures(): Promise<Erasure[]> {
  return (await callApi(REQUESTS.list, {})).erasures;
}

export async function askForErasure(request: ErasureRequest): Promise<Erasure> {
  return callApi(REQUESTS.ask, { body: request });
}

export async function confirmErasure(id: string): Promise<Erasure> {
  return callApi(REQUESTS.confirm, { params: { id } });
}
