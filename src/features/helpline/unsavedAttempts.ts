/**
 * Verification attempts made on this device in calls not saved yet, kept in
 * localStorage so that reloading the page (or abandoning a call and starting
 * another) does not reset a caller's failed attempts: the lock holds. Once a
 * call is saved its attempts travel in the call record and reach every desk;
 * these copies then count once (attempts are keyed by id) and age out.
 * Only ids, times and pass/fail are kept: nothing the caller said.
 */
import { z } from 'zod';
import { verificationAttemptSchema, type VerificationAttempt } from '../../domain/calls';
import type { CallerAttempt } from '../../domain/verification';

const STORAGE_KEY = 'waystation.helpline.unsavedAttempts';
/** Longer than any lock: older attempts can no longer lock anyone. */
const KEEP_MS = 24 * 60 * 60 * 1000;

const storedSchema = z.array(
  verificationAttemptSchema.extend({ id: z.string(), householdId: z.string(), personId: z.string() }),
);
type Stored = z.infer<typeof storedSchema>;

function read(): Stored {
  try {
    const parsed = storedSchema.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function ofCaller(householdId: string, personId: string | undefined): Stored {
  return read().filter((entry) => entry.householdId === householdId && entry.personId === (personId ?? ''));
}

export function unsavedAttempts(householdId: string, personId: string | undefined): CallerAttempt[] {
  return ofCaller(householdId, personId).map(({ id, at, passed }) => ({ id, at, passed }));
}

/** The same attempts as a call records them, keyed by id: a new call for this caller carries them. */
export function unsavedCallAttempts(
  householdId: string,
  personId: string | undefined,
): Record<string, VerificationAttempt> {
  return Object.fromEntries(
    ofCaller(householdId, personId).map(({ id, at, by, passed, questionIds }) => [id, { at, by, passed, questionIds }]),
  );
}

export function rememberAttempt(
  householdId: string,
  personId: string | undefined,
  id: string,
  attempt: VerificationAttempt,
  now = new Date(),
): void {
  const kept = read().filter((entry) => now.getTime() - Date.parse(entry.at) < KEEP_MS);
  kept.push({ ...attempt, id, householdId, personId: personId ?? '' });
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
  } catch (error) {
    // A full storage loses the device's copy only; the audit log already has the attempt.
    console.error('keeping the verification attempt failed', error);
  }
}

/** Once a call is saved its attempts travel with it: the device's copies go. */
export function forgetAttempts(ids: readonly string[]): void {
  const gone = new Set(ids);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(read().filter((entry) => !gone.has(entry.id))));
  } catch (error) {
    console.error('forgetting saved verification attempts failed', error);
  }
}
