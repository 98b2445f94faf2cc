/**
 * JSON request bodies, stricter than Fastify's default parser: the bytes must
 * be valid UTF-8 (the default parser silently turns bad bytes into U+FFFD and
 * stores the damage), and no string, key included, may hold a NUL character
 * or a lone UTF-16 surrogate (written as a `\ud800` escape). Such text cannot
 * be what a person typed; stored, it breaks exports, PostgreSQL (which
 * refuses NUL in text) and other devices' JSON. Refused with 400
 * `invalid_text` before any route runs, so nothing is changed.
 * Prototype-poisoning keys stay refused as before.
 */
import type { FastifyInstance } from 'fastify';
import { formatIssuePath, InputError } from '../services/errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isForbidden(text: string): boolean {
  return text.includes('\0') || LONE_SURROGATE.test(text);
}

/**
 * Where in `value` a forbidden string is, as push issues name fields
 * ("[3].newDocumentState.notes", so a device sets that row aside), or undefined.
 */
export function findForbiddenText(value: unknown, path: (string | number)[] = []): string | undefined {
  if (typeof value === 'string') return isForbidden(value) ? formatIssuePath(path) || '(body)' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    // The key itself is shown escaped: it is the bad text.
    if (typeof key === 'string' && isForbidden(key)) return formatIssuePath([...path, JSON.stringify(key)]);
    const found = findForbiddenText(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function invalidText(message: string, path: string): InputError {
  return new InputError('invalid_text', message, [{ path, message: 'not text a person could type' }]);
}

export function registerJsonBodyParser(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      done(invalidText('The body is not valid UTF-8; nothing was changed', '(body)'), undefined);
      return;
    }
    parseJson(request, text, (error, parsed) => {
      if (error) {
        done(error, undefined);
        return;
      }
      const where = findForbiddenText(parsed);
      if (where !== undefined) {
        done(
          invalidText(`Text at ${where} holds a NUL character or a lone surrogate; nothing was changed`, where),
          undefined,
        );
        return;
      }
      done(null, parsed);
    });
  });
}
