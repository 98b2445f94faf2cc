/**
 * Typed handles on the device store. Document types come from the domain's
 * zod schemas, so a field added there is known here without a second edit.
 */
import type { RxCollection, RxDatabase } from 'rxdb';
import type { Household } from '../domain/household';
import type { Person } from '../domain/person';
import type { Sensitive } from '../domain/sensitive';
import type { Conflict } from '../domain/conflict';
import type { TravelLeg } from '../domain/travel';
import type { Milestone } from '../domain/milestones';
import type { Task } from '../domain/tasks';
import type { CaseNote } from '../domain/caseNotes';
import type { Call } from '../domain/calls';
import type { Verifier } from '../domain/verifiers';
import type { CollectionName } from '../domain/collections';
import type { OutboxCollection } from './outbox';

export interface DocumentTypes {
  households: Household;
  people: Person;
  sensitive: Sensitive;
  conflicts: Conflict;
  travelLegs: TravelLeg;
  milestones: Milestone;
  tasks: Task;
  caseNotes: CaseNote;
  calls: Call;
  verifiers: Verifier;
}

export type SyncedCollections = { [K in CollectionName]: RxCollection<DocumentTypes[K]> };

export type WaystationCollections = SyncedCollections & { outbox: OutboxCollection };

export type WaystationDatabase = RxDatabase<WaystationCollections>;
