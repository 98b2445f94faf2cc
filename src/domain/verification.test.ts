import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VERIFICATION_CONFIG,
  answerableQuestions,
  checkAnswers,
  normalizeCount,
  normalizeDate,
  normalizeIdentifier,
  type VerificationFacts,
} from './verification';

const facts: VerificationFacts = {
  dateOfBirth: '1988-04-03',
  identifiers: ['KAK-20-123456', 'P1234567'],
  householdSize: 5,
};

describe('normalising what the caller says', () => {
  it('reads dates year-first and day-first, and refuses impossible ones', () => {
    expect(normalizeDate('1988-04-03')).toBe('1988-04-03');
    expect(normalizeDate('3/4/1988')).toBe('1988-04-03');
    expect(normalizeDate('03.04.1988')).toBe('1988-04-03');
    expect(normalizeDate(' 03-04-1988 ')).toBe('1988-04-03');
    expect(normalizeDate('19880403')).toBe('1988-04-03');
    expect(normalizeDate('31/02/1988')).toBeUndefined();
    expect(normalizeDate('April 1988')).toBeUndefined();
  });

  it('compares identifiers by letters and digits only', () => {
    expect(normalizeIdentifier(' kak 20/123456 ')).toBe('KAK20123456');
    expect(normalizeIdentifier('KAK-20-123456')).toBe('KAK20123456');
  });

  it('reads counts as whole numbers only', () => {
    expect(normalizeCount(' 05 ')).toBe(5);
    expect(normalizeCount('five')).toBeUndefined();
    expect(normalizeCount('4.5')).toBeUndefined();
  });
});

describe('checkAnswers', () => {
  it('passes when every answerable question matches, however it was typed', () => {
    const check = checkAnswers(DEFAULT_VERIFICATION_CONFIG, facts, {
      dateOfBirth: '3/4/1988',
      identifier: 'kak 20 123456',
      householdSize: '5',
    });
    expect(check.outcome).toBe('passed');
    expect(check.asked).toEqual(['dateOfBirth', 'identifier', 'householdSize']);
  });

  it('accepts any of the record’s identifiers', () => {
    const check = checkAnswers(DEFAULT_VERIFICATION_CONFIG, facts, {
      dateOfBirth: '1988-04-03',
      identifier: 'p1234567',
      householdSize: '5',
    });
    expect(check.outcome).toBe('passed');
  });

  it('fails on one wrong or missing answer and says which', () => {
    const wrong = checkAnswers(DEFAULT_VERIFICATION_CONFIG, facts, {
      dateOfBirth: '04/03/1988',
      identifier: 'KAK20123456',
      householdSize: '5',
    });
    expect(wrong.outcome).toBe('failed');
    expect(wrong.results).toEqual({ dateOfBirth: 'mismatch', identifier: 'match', householdSize: 'match' });

    const missing = checkAnswers(DEFAULT_VERIFICATION_CONFIG, facts, { dateOfBirth: '1988-04-03', identifier: 'P1234567' });
    expect(missing.outcome).toBe('failed');
    expect(missing.results.householdSize).toBe('unanswered');
  });

  it('asks only what the record can answer', () => {
    const noIds: VerificationFacts = { dateOfBirth: '1988-04-03', identifiers: [], householdSize: 5 };
    expect(answerableQuestions(DEFAULT_VERIFICATION_CONFIG, noIds)).toEqual(['dateOfBirth', 'householdSize']);
    expect(checkAnswers(DEFAULT_VERIFICATION_CONFIG, noIds, { dateOfBirth: '1988-04-03', householdSize: '5' }).outcome).toBe(
      'passed',
    );
  });

  it('cannot verify from a record that knows too little, even with right answers', () => {
    const thin: VerificationFacts = { identifiers: [], householdSize: 2 };
    const check = checkAnswers(DEFAULT_VERIFICATION_CONFIG, thin, { householdSize: '2' });
    expect(check.outcome).toBe('insufficient');
  });
});
