/**
 * Imported first by main.tsx, before any schema exists. Zod compiles object
 * parsers with `new Function` unless told not to, and merely probing for it
 * is reported as a violation of the server's Content-Security-Policy
 * (scripts from the app's origin only, no eval: routes/securityHeaders.ts).
 */
import { z } from 'zod';

z.config({ jitless: true });
