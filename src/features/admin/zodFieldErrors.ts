import type { z } from 'zod';

/** The top-level fields a zod error names (the forms translate one message per field). */
export function invalidFields(error: z.ZodError): Set<string> {
  return new Set(error.issues.map((issue) => String(issue.path[0] ?? '')));
}
