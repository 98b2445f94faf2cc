import { beforeAll, describe, expect, it } from 'vitest';
import { hashAnswer } from './verifiers';
import {
  DEFAULT_VERIFICATION_CONFIG,
  answerableQuestions,
  checkAnswers,
  normalizeCount,
  normalizeDate,
  normalizeIdentifier,
  verificationLock,
  type VerificationFacts,
} from './verification';

/** What the device holds: hashes made by the server from the record's values. */
let facts: VerificationFacts;
let dobHash: string;
beforeAll(async () => {
  const hash = async (kind: 'dateOfBirth' | 'identifier', value: string) => (await hashAnswer(kind, value, 'h1'))!;
  dobHash = await hash('dateOfBirth', '1988-04-03');
  facts = {
    householdId: 'h1',
    dateOfBirth: dobHash,
    identifiers: [await hash('identifier', 'KAK-20-123456'), await hash('identifier', 'P1234567')],
    householdSize: 5,
  };
});

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
  it('passes when every answerable question matches, however it was typed', async () => {
    const check = await checkAnswers(DEFAULT_VERIFICATION_CONFIG, facts, {
      dateOfBirth: '3/4/1988',
      identifier: 'kak 20 123456',
      householdSize: '5',
    });
    expect(check.outcome).toBe('passed');
    expect(check.asked).toEqual(['dateOfBirth', 'identifier', 'householdSize']);
  });

  it('accepts any of the record’s identifiers', async () => {
    const check = await checkAnswers(DEFAULT_VERIFICATION_CONFIG, facts, {
      dateOfBirth: '1988-04-03',
      identifier: 'p1234567',
      householdSize: '5',
    });
    expect(check.outcome).toBe('passed');
  });

  it('fails on one wrong or missing answer and says which', async () => {
    const wrong = await checkAnswers(DEFAULT_VERIFICATION_CONFIG, facts, {
      dateOfBirth: '04/03/1988',
      identifier: 'KAK20123456',
      householdSize: '5',
    });
    expect(wrong.outcome).toBe('failed');
    expect(wrong.results).toEqual({ dateOfBirth: 'mismatch', identifier: 'match', householdSize: 'match' });

    const missing = await checkAnswers(DEFAULT_VERIFICATION_CONFIG, facts, { dateOfBirth: '1988-04-03', identifier: 'P1234567' });
    expect(missing.outcome).toBe('failed');
    expect(missing.results.householdSize).toBe('unanswered');
  });

  it('asks only what the record can answer', async () => {
    const noIds: VerificationFacts = { householdId: 'h1', dateOfBirth: dobHash, identifiers: [], householdSize: 5 };
    expect(answerableQuestions(DEFAULT_VERIFICATION_CONFIG, noIds)).toEqual(['dateOfBirth', 'householdSize']);
    expect((await checkAnswers(DEFAULT_VERIFICATION_CONFIG, noIds, { dateOfBirth: '1988-04-03', householdSize: '5' })).outcome).toBe(
      'passed',
    );
  });

  it('cannot verify from a record that knows too little, even with right answers', async () => {
    const thin: VerificationFacts = { householdId: 'h1', identifiers: [], householdSize: 2 };
    const check = await checkAnswers(DEFAULT_VERIFICATION_CONFIG, thin, { householdSize: '2' });
    expect(check.outcome).toBe('insufficient');
  });
});

describe('checking against hashes', () => {
  it('a right answer for another household does not match: hashes are salted per household', async () => {
    const elsewhere = { ...facts, householdId: 'h2' };
    const check = await checkAnswers(DEFAULT_VERIFICATION_CONFIG, elsewhere, {
      dateOfBirth: '1988-04-03',
      identifier: 'P1234567',
      householdSize: '5',
    });
    expect(check.results).toEqual({ dateOfBirth: 'mismatch', identifier: 'mismatch', householdSize: 'match' });
  });
});

describe('verificationLock', () => {
  const policy = { maxFailedAttempts: 3, lockMinutes: 30 };
  const now = new Date('2025-05-14T10:00:00.000Z');
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();

  it('locks after three failures since the last pass, for thirty minutes after the last one', () => {
    const attempts = [
      { id: 'a', at: at(20), passed: false },
      { id: 'b', at: at(10), passed: false },
      { id: 'c', at: at(5), passed: false },
    ];
    expect(verificationLock(policy, attempts.slice(0, 2), now)).toEqual({ locked: false, failures: 2 });
    expect(verificationLock(policy, attempts, now)).toEqual({
      locked: true,
      failures: 3,
      until: '2025-05-14T10:25:00.000Z',
    });
  });

  it('counts an attempt seen twice (a saved call and this device) once, and forgets failures before a pass', () => {
    const failed = { id: 'a', at: at(9), passed: false };
    expect(verificationLock(policy, [failed, failed, { id: 'b', at: at(8), passed: false }], now).locked).toBe(false);
    const attempts = [
      { id: 'a', at: at(9), passed: false },
      { id: 'b', at: at(8), passed: false },
      { id: 'p', at: at(7), passed: true },
      { id: 'c', at: at(6), passed: false },
    ];
    expect(verificationLock(policy, attempts, now)).toEqual({ locked: false, failures: 1 });
  });

  it('by default locks after three failures for thirty minutes', () => {
    const attempts = [3, 2, 1].map((minutes, index) => ({ id: String(index), at: at(minutes), passed: false }));
    expect(verificationLock(DEFAULT_VERIFICATION_CONFIG, attempts, now)).toEqual({
      locked: true,
      failures: 3,
      until: '2025-05-14T10:29:00.000Z',
    });
    expect(verificationLock(DEFAULT_VERIFICATION_CONFIG, attempts.slice(1), now).locked).toBe(false);
  });

  it('lifts once the last failure is older than the lock', () => {
    const attempts = [40, 35, 31].map((minutes, index) => ({ id: String(index), at: at(minutes), passed: false }));
    expect(verificationLock(policy, attempts, now).locked).toBe(false);
  });
});
