/**
 * What `zod` means in the app's build (vite.config.ts aliases it here): zod,
 * told not to compile parsers with `new Function` before any schema exists,
 * whichever chunk a schema lands in. Zod probes for eval while building an
 * object schema, and the probe alone is reported as a violation of the
 * server's Content-Security-Policy. zodConfig.ts said it once from main.tsx,
 * but a shared chunk that builds schemas runs before the entry's own code.
 */
import * as z from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
export { z };
export default z;
