/** Public, before sign-in: is this server a demo (`npm run demo`), and its accounts. */
import { z } from 'zod';
import { endpoint } from './endpoint';

/** One account of the demo: its password is shown on the sign-in screen on purpose. */
export const demoAccountSchema = z.object({
  username: z.string(),
  password: z.string(),
  role: z.string(),
  displayName: z.string(),
});
export type DemoAccount = z.infer<typeof demoAccountSchema>;

/** Only a server started by the demo script answers `demo: true`; every other server says false. */
export const demoResponseSchema = z.discriminatedUnion('demo', [
  z.object({ demo: z.literal(false) }),
  z.object({ demo: z.literal(true), accounts: z.array(demoAccountSchema) }),
]);
export type DemoResponse = z.infer<typeof demoResponseSchema>;

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  /** The protocol this server speaks (PROTOCOL_VERSION). */
  protocol: z.number().int(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const publicEndpoints = {
  demo: endpoint({ method: 'GET', path: '/api/demo', response: demoResponseSchema }),
  health: endpoint({ method: 'GET', path: '/api/health', response: healthResponseSchema }),
};
