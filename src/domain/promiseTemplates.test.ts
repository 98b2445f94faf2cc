import { describe, expect, it } from 'vitest';
import {
  fillPromiseTemplate,
  PROMISE_TEMPLATE_MAX_LENGTH,
  promiseTemplateProblems,
  promiseTemplatesSchema,
} from './promiseTemplates';

describe('call-back promise templates', () => {
  it('accepts a sentence with {{due}} once, spaces inside the braces allowed', () => {
    expect(promiseTemplateProblems('Waan kuu soo wici doonaa ka hor {{due}}.')).toEqual([]);
    expect(promiseTemplateProblems('Waan kuu soo wici doonaa ka hor {{ due }}.')).toEqual([]);
  });

  it('refuses a sentence without the due time, with another placeholder, twice the time, or stray braces', () => {
    expect(promiseTemplateProblems('Waan kuu soo wici doonaa.')).toEqual([{ kind: 'missing_due' }]);
    expect(promiseTemplateProblems('{{when}} {{due}}')).toEqual([{ kind: 'unknown_placeholder', placeholder: '{{when}}' }]);
    expect(promiseTemplateProblems('{{due}} {{due}}')).toEqual([{ kind: 'repeated_due' }]);
    expect(promiseTemplateProblems('ka hor {{due}')).toEqual([{ kind: 'missing_due' }, { kind: 'stray_braces' }]);
    expect(promiseTemplateProblems('   ')).toEqual([{ kind: 'empty' }]);
  });

  it('bounds the length', () => {
    const long = `${'a'.repeat(PROMISE_TEMPLATE_MAX_LENGTH)} {{due}}`;
    expect(promiseTemplateProblems(long)).toEqual([{ kind: 'too_long', max: PROMISE_TEMPLATE_MAX_LENGTH }]);
  });

  it('keys templates by a known language code', () => {
    expect(promiseTemplatesSchema.safeParse({ so: 'ka hor {{due}}.' }).success).toBe(true);
    expect(promiseTemplatesSchema.safeParse({ klingon: 'ka hor {{due}}.' }).success).toBe(false);
    expect(promiseTemplatesSchema.safeParse({ so: 'no time' }).success).toBe(false);
  });

  it('fills in the due time', () => {
    expect(fillPromiseTemplate(' Waan kuu soo wici doonaa ka hor {{ due }}. ', 'Wed 9 Dec, 16:55 MST (Phoenix)')).toBe(
      'Waan kuu soo wici doonaa ka hor Wed 9 Dec, 16:55 MST (Phoenix).',
    );
  });
});
