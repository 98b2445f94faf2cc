/** Sign-in, sign-out, "who am I", one's own password and the device's name. */
import { z } from 'zod';
import {
  changePasswordSchema,
  deviceNameRequestSchema,
  loginRequestSchema,
  loginResponseSchema,
  sessionUserSchema,
} from '../../domain/accounts';
import { isoDateTime } from '../../domain/common';
import { endpoint } from './endpoint';

export const meResponseSchema = z.object({
  user: sessionUserSchema,
  expiresAt: isoDateTime,
  /** Present (true) while the person must choose their own password. */
  mustChangePassword: z.literal(true).optional(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const deviceNameResponseSchema = z.object({ deviceId: z.string(), name: z.string() });

export const authEndpoints = {
  /** Public (no session): the one API route besides health and demo. */
  login: endpoint({ method: 'POST', path: '/api/auth/login', body: loginRequestSchema, response: loginResponseSchema }),
  logout: endpoint({ method: 'POST', path: '/api/auth/logout', response: null, status: 204 }),
  me: endpoint({ method: 'GET', path: '/api/auth/me', response: meResponseSchema }),
  changePassword: endpoint({
    method: 'POST',
    path: '/api/auth/password',
    body: changePasswordSchema,
    response: null,
    status: 204,
  }),
  nameDevice: endpoint({
    method: 'PUT',
    path: '/api/device',
    body: deviceNameRequestSchema,
    response: deviceNameResponseSchema,
  }),
};
