/**
 * The helpline's writes: the only way components change calls. A call is
 * written whole when the agent saves it; call-backs and reassignments add an
 * entry to the call's keyed logs (see domain/calls.ts), so two officers
 * working the same call offline both keep their entries after sync.
 *
 * Every write is recorded in the outbox before it is made (db/outbox.ts).
 */
import { newId } from '../../domain/common';
import {
  callSchema,
  deriveCall,
  type Assignment,
  type Call,
  type CallbackResult,
  type CallOutcome,
  type VerificationAttempt,
  type VerificationOverride,
} from '../../domain/calls';
import type { MessagingConsent } from '../../domain/messaging';
import type { WaystationDatabase } from '../../db/database';
import { contentOf, withoutUndefined, type RecordContent } from '../../db/recordWrites';
import { applyEdits, changeFrom, createEdit, type ClashChoice } from '../../db/recordEdits';
import { NotFoundError, ValidationError, type Actor } from '../intake';

export { NotFoundError, ValidationError };

/** What the call screen collects; the record's metadata and derived fields are added here. */
export interface CallDraft {
  id: string;
  startedAt: string;
  endedAt?: string | undefined;
  callerPhone?: string | undefined;
  callerLanguage: string;
  category: Call['category'];
  summary: string;
  householdId?: string | undefined;
  personId?: string | undefined;
  attempts: Record<string, VerificationAttempt>;
  override?: VerificationOverride | undefined;
  outcome: CallOutcome;
  /** For an escalation: the first assignment (unit and focal point). */
  escalatedBy?: string | undefined;
  /** The caller's consent to call-back messages, when they asked for them. */
  messaging?: MessagingConsent | undefined;
}

function validated(doc: unknown): Call {
  const parsed = callSchema.safeParse(doc);
  if (!parsed.success) throw new ValidationError(parsed.error.issues);
  return parsed.data;
}

async function findCall(db: WaystationDatabase, id: string): Promise<Call | undefined> {
  return (await db.calls.findOne(id).exec())?.toJSON() as Call | undefined;
}

/** Saves the call as logged (new, or again if the agent saves twice). @throws ValidationError */
export async function saveCall(
  db: WaystationDatabase,
  actor: Actor,
  draft: CallDraft,
  now = new Date(),
  choices: readonly ClashChoice[] = [],
): Promise<Call> {
  const existing = await findCall(db, draft.id);
  const assignments: Record<string, Assignment> = { ...(existing?.assignments ?? {}) };
  if (draft.outcome.kind === 'escalated' && Object.keys(assignments).length === 0) {
    assignments[newId()] = withoutUndefined({
      unitId: draft.outcome.unitId,
      focalPointId: draft.outcome.focalPointId,
      at: now.toISOString(),
      by: actor.userId,
    });
  }
  const logged = validated(
    deriveCall(
      withoutUndefined({
        id: draft.id,
        siteId: existing?.siteId ?? actor.siteId,
        createdAt: existing?.createdAt ?? now.toISOString(),
        updatedAt: now.toISOString(),
        updatedBy: actor.userId,
        deviceId: actor.deviceId,
        startedAt: draft.startedAt,
        endedAt: draft.endedAt ?? now.toISOString(),
        agentId: existing?.agentId ?? actor.userId,
        callerPhone: draft.callerPhone,
        callerLanguage: draft.callerLanguage,
        category: draft.category,
        summary: draft.summary,
        householdId: draft.householdId,
        personId: draft.personId,
        verification: withoutUndefined({ attempts: draft.attempts, override: draft.override }),
        outcome: draft.outcome,
        messaging: draft.messaging ?? existing?.messaging,
        callbacks: existing?.callbacks ?? {},
        assignments,
        // Derived below.
        verificationStatus: 'unverified' as const,
        status: 'open' as const,
        dueAt: '',
        assignedUnitId: '',
        assignedTo: '',
      }),
    ),
  );
  // The call's id is made when the call starts: saving it again (or after another device logged it) edits it
  // from nothing, so anything set differently there is shown to the agent, never overwritten.
  const [saved] = await applyEdits(
    db,
    actor,
    [createEdit('calls', contentOf<'calls'>(logged), draft.id)],
    { now, choices },
  );
  return (saved as Call | undefined) ?? logged;
}

async function appendTo(
  db: WaystationDatabase,
  actor: Actor,
  callId: string,
  change: (call: Call) => Partial<Pick<Call, 'callbacks' | 'assignments'>>,
  now: Date,
): Promise<Call> {
  const existing = await findCall(db, callId);
  if (!existing) throw new NotFoundError('calls', callId);
  // Entries are keyed: two people adding to the same call, here or on another device, both keep theirs.
  const next = { ...contentOf<'calls'>(existing), ...change(existing) } as RecordContent<'calls'>;
  validated({ ...existing, ...next });
  const [saved] = await applyEdits(db, actor, [changeFrom('calls', existing, next)], { now });
  return (saved as Call | undefined) ?? existing;
}

/** Records a call-back attempt; "reached" and "closed" close the call. @throws ValidationError, NotFoundError */
export function recordCallback(
  db: WaystationDatabase,
  actor: Actor,
  callId: string,
  input: { result: CallbackResult; note?: string | undefined },
  now = new Date(),
): Promise<Call> {
  const note = input.note?.trim() ? input.note.trim() : undefined;
  return appendTo(
    db,
    actor,
    callId,
    (call) => ({
      callbacks: {
        ...call.callbacks,
        [newId()]: withoutUndefined({ at: now.toISOString(), by: actor.userId, result: input.result, note }),
      },
    }),
    now,
  );
}

/** Hands the call to another unit or focal point; the earlier assignments stay as its history. */
export function reassignCall(
  db: WaystationDatabase,
  actor: Actor,
  callId: string,
  input: { unitId: string; focalPointId?: string | undefined },
  now = new Date(),
): Promise<Call> {
  return appendTo(
    db,
    actor,
    callId,
    (call) => ({
      assignments: {
        ...call.assignments,
        [newId()]: withoutUndefined({
          unitId: input.unitId,
          focalPointId: input.focalPointId || undefined,
          at: now.toISOString(),
          by: actor.userId,
        }),
      },
    }),
    now,
  );
}
