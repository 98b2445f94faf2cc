/**
 * Builds the Actor of a request. Until sign-in exists every request is the
 * anonymous user on the device named by the X-Device-Id header; the auth
 * module replaces this function, the services do not change.
 */
import type { FastifyRequest } from 'fastify';
import { ANONYMOUS_USER, UNKNOWN_DEVICE, type Actor } from '../services/actor';

const MAX_DEVICE_ID_LENGTH = 64;

export function actorOf(request: FastifyRequest): Actor {
  const header = request.headers['x-device-id'];
  const deviceId = (Array.isArray(header) ? header[0] : header)?.trim().slice(0, MAX_DEVICE_ID_LENGTH);
  return { userId: ANONYMOUS_USER, deviceId: deviceId || UNKNOWN_DEVICE };
}
