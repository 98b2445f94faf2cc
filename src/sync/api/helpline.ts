/** The helpline's server calls: a supervisor's override, and a spreadsheet import. */
import { importOutcomeSchema, importRequestSchema } from '../../domain/importRows';
import {
  verificationOverrideRequestSchema,
  verificationOverrideResponseSchema,
} from '../../domain/helplineAudit';
import { endpoint } from './endpoint';

export const helplineEndpoints = {
  /** Online only: the supervisor's password is checked on the server. */
  verificationOverride: endpoint({
    method: 'POST',
    path: '/api/helpline/verification-override',
    body: verificationOverrideRequestSchema,
    response: verificationOverrideResponseSchema,
  }),
};

export const importEndpoints = {
  /** One chunk of a spreadsheet import. */
  rows: endpoint({ method: 'POST', path: '/api/import/rows', body: importRequestSchema, response: importOutcomeSchema }),
};
