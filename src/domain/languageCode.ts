/** A language as data (a family's, a caller's, a message's): its own module, so person and messaging both import it without a cycle. */
import { z } from 'zod';

/** ISO 639 code (639-1 two letters or 639-3 three letters), optionally with a BCP 47 private-use tail. */
export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-x-[a-z0-9]{1,16})?$/, 'ISO 639 language code');
