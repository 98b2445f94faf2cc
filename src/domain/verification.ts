/**
 * Caller authentication (the helpline's "strict caller authentication"): the
 * agent asks configured questions and the answers are checked against the
 * linked record before anything about it is shared. Answers are compared in
 * normalised form (a date typed 03/04/1990 or 1990-04-03, an identifier with
 * or without dashes and spaces) and are never stored: a call keeps only
 * which questions were asked and whether the attempt passed.
 *
 * The device compares hashes (domain/verifiers.ts): it holds the salted
 * hashes of the date of birth and document numbers, never the values, and
 * hashes what the caller says the same way. Repeated failures lock the
 * caller out for a while (`verificationLock`); only a supervisor opens it.
 */
import { z } from 'zod';
import { hashAnswer } from './verifiers';

export const VERIFICATION_QUESTIONS = ['dateOfBirth', 'identifier', 'householdSize'] as const;
export type VerificationQuestion = (typeof VERIFICATION_QUESTIONS)[number];

export const verificationConfigSchema = z
  .object({
    /** The questions asked, in order. */
    questions: z.array(z.enum(VERIFICATION_QUESTIONS)).min(1).max(VERIFICATION_QUESTIONS.length),
    /** How many of them the record must be able to answer; fewer and only a supervisor override opens it. */
    minimumAnswerable: z.number().int().min(1).max(VERIFICATION_QUESTIONS.length),
    /** Failed attempts (since the caller's last pass) that lock verification for this caller… */
    maxFailedAttempts: z.number().int().min(1).max(20),
    /** …for this many minutes after the last of them. */
    lockMinutes: z.number().int().min(1).max(24 * 60),
  })
  .strict();
export type VerificationConfig = z.infer<typeof verificationConfigSchema>;

export const DEFAULT_VERIFICATION_CONFIG: VerificationConfig = {
  questions: ['dateOfBirth', 'identifier', 'householdSize'],
  minimumAnswerable: 2,
  maxFailedAttempts: 3,
  lockMinutes: 30,
};

/** What the linked record knows, gathered by the caller of `checkAnswers`: hashes, never values. */
export interface VerificationFacts {
  /** The household's id: the salt of its hashes. */
  householdId: string;
  /** Hash of the caller's date of birth when the call is linked to a person, else the head of household's. */
  dateOfBirth?: string;
  /** Hashes of the registration and identity numbers of the person or household (any of them is accepted). */
  identifiers: readonly string[];
  /** Members in the household (shown to the agent anyway: not a secret, so not hashed). */
  householdSize?: number;
}

export type VerificationAnswers = Partial<Record<VerificationQuestion, string>>;

export type QuestionResult = 'match' | 'mismatch' | 'unanswered';

export interface VerificationCheck {
  /** `insufficient`: the record cannot answer enough questions to verify anyone. */
  outcome: 'passed' | 'failed' | 'insufficient';
  /** The questions the record could answer (the ones actually asked). */
  asked: VerificationQuestion[];
  results: Partial<Record<VerificationQuestion, QuestionResult>>;
}

/** Which configured questions this record can answer. */
export function answerableQuestions(config: VerificationConfig, facts: VerificationFacts): VerificationQuestion[] {
  return config.questions.filter((question) => {
    switch (question) {
      case 'dateOfBirth':
        return facts.dateOfBirth !== undefined;
      case 'identifier':
        return facts.identifiers.length > 0;
      case 'householdSize':
        return facts.householdSize !== undefined && facts.householdSize > 0;
    }
  });
}

/**
 * A date as the caller says it, as an ISO date: 1990-04-03, 3/4/1990,
 * 03.04.1990, 03-04-1990 (day first, as in East Africa and most of the
 * world), 19900403. Undefined if it is not a real date.
 */
export function normalizeDate(input: string): string | undefined {
  const text = input.trim();
  let year: number, month: number, day: number;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(text);
    if (!match) return undefined;
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** Letters and digits only, upper case: "kak-20 / 123456" and "KAK20123456" are one number. */
export function normalizeIdentifier(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A count as said ("5", " 05 "); words and other numbers are not guessed at. */
export function normalizeCount(input: string): number | undefined {
  const text = input.trim();
  return /^\d{1,3}$/.test(text) ? Number(text) : undefined;
}

async function checkOne(
  question: VerificationQuestion,
  answer: string | undefined,
  facts: VerificationFacts,
): Promise<QuestionResult> {
  if (answer === undefined || answer.trim() === '') return 'unanswered';
  switch (question) {
    case 'dateOfBirth': {
      const said = await hashAnswer('dateOfBirth', answer, facts.householdId);
      return said !== undefined && said === facts.dateOfBirth ? 'match' : 'mismatch';
    }
    case 'identifier': {
      const said = await hashAnswer('identifier', answer, facts.householdId);
      return said !== undefined && facts.identifiers.includes(said) ? 'match' : 'mismatch';
    }
    case 'householdSize':
      return normalizeCount(answer) === facts.householdSize ? 'match' : 'mismatch';
  }
}

/**
 * Checks the caller's answers. Passed only when every question the record
 * can answer was answered and matches, and the record can answer at least
 * `minimumAnswerable` of them.
 */
export async function checkAnswers(
  config: VerificationConfig,
  facts: VerificationFacts,
  answers: VerificationAnswers,
): Promise<VerificationCheck> {
  const asked = answerableQuestions(config, facts);
  const results: Partial<Record<VerificationQuestion, QuestionResult>> = {};
  for (const question of asked) results[question] = await checkOne(question, answers[question], facts);
  if (asked.length < config.minimumAnswerable) return { outcome: 'insufficient', asked, results };
  const passed = asked.every((question) => results[question] === 'match');
  return { outcome: passed ? 'passed' : 'failed', asked, results };
}

/** One verification attempt for a caller, from a saved call or an unsaved one on this device. */
export interface CallerAttempt {
  id: string;
  at: string;
  passed: boolean;
}

export type VerificationLock =
  | { locked: false; failures: number }
  | { locked: true; failures: number; until: string };

/**
 * Whether verification is locked for a caller: `maxFailedAttempts` failures
 * since their last pass, the last of them less than `lockMinutes` ago. The
 * lock lifts `lockMinutes` after the last failure.
 */
export function verificationLock(
  config: Pick<VerificationConfig, 'maxFailedAttempts' | 'lockMinutes'>,
  attempts: readonly CallerAttempt[],
  now: Date,
): VerificationLock {
  const byId = new Map(attempts.map((attempt) => [attempt.id, attempt]));
  const ordered = [...byId.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const lastPass = ordered.findLastIndex((attempt) => attempt.passed);
  const windowStart = now.getTime() - config.lockMinutes * 60_000;
  const failures = ordered.slice(lastPass + 1).filter((attempt) => Date.parse(attempt.at) > windowStart);
  const last = failures.at(-1);
  if (!last || failures.length < config.maxFailedAttempts) return { locked: false, failures: failures.length };
  const until = new Date(Date.parse(last.at) + config.lockMinutes * 60_000).toISOString();
  return { locked: true, failures: failures.length, until };
}
