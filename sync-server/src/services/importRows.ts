/**
 * Import of households and people from a spreadsheet, one chunk of rows per
 * request (issue 21 item 4). Each family is validated with the intake's own
 * schemas (householdDraft.ts, then household.ts and person.ts for the records
 * built from it), checked against the people already registered at the site
 * with the intake's duplicate scorer, and written through the push service,
 * so an import is audited, merged and conflict-safe like any device's push.
 *
 * Ids are derived from the file (its SHA-256) and the row or household
 * reference, so importing the same file again finds every record already
 * there and writes nothing. A dry run answers the same report and writes
 * nothing. Rows whose person is probably someone already registered (the
 * same identifier, or a similar name with the same date of birth) are held
 * back and reported with the records they match, for a person to decide.
 */
import { createHash } from 'node:crypto';
import { COLLECTIONS } from '@waystation/domain/collections';
import { scoreDuplicate, isAtLeast, type Identity } from '@waystation/domain/duplicates';
import { deriveHousehold, householdSchema } from '@waystation/domain/household';
import type { HouseholdDraft } from '@waystation/domain/householdDraft';
import {
  groupRows,
  importRequestSchema,
  validateGroup,
  type ImportGroup,
  type ImportOutcome,
} from '@waystation/domain/importRows';
import { derivePerson, personSchema } from '@waystation/domain/person';
import type { WireDocument } from '@waystation/protocol';
import type { Store } from '../store/types';
import type { Principal } from './actor';
import { forbidden, pushAuthorized } from './access';
import type { ChangeNotifier } from './changes';
import { parseBody } from './errors';

export interface ImportDeps {
  store: Store;
  notifier?: ChangeNotifier;
  now: () => Date;
}

/** Ids name their file, so people imported earlier from the same file are not taken for duplicates. */
function filePrefix(kind: 'h' | 'p', fileKey: string): string {
  return `imp${kind}-${fileKey.slice(0, 12)}-`;
}

function importId(kind: 'h' | 'p', fileKey: string, key: string): string {
  return `${filePrefix(kind, fileKey)}${createHash('sha256').update(`${fileKey}\u0000${key}`).digest('hex').slice(0, 40)}`;
}

interface ExistingPerson extends Identity {
  id: string;
}

/** Everyone registered at the site, indexed by date of birth (a likely duplicate shares it, or has it swapped). */
async function peopleByBirthDate(store: Store, siteId: string, sameFile: string): Promise<Map<string, ExistingPerson[]>> {
  const index = new Map<string, ExistingPerson[]>();
  let afterSeq = 0;
  for (;;) {
    const page = await store.pull('people', afterSeq, 1000, [siteId]);
    for (const stored of page.documents) {
      const doc = stored.doc as WireDocument & Partial<Record<'givenName' | 'familyName' | 'dateOfBirth' | 'sex' | 'nationality', string>>;
      if (stored.deleted || !doc.dateOfBirth || !doc.givenName || doc.id.startsWith(sameFile)) continue;
      const person: ExistingPerson = {
        id: doc.id,
        givenName: doc.givenName,
        familyName: doc.familyName ?? '',
        dateOfBirth: doc.dateOfBirth,
        ...(doc.sex ? { sex: doc.sex } : {}),
        ...(doc.nationality ? { nationality: doc.nationality } : {}),
      };
      index.set(doc.dateOfBirth, [...(index.get(doc.dateOfBirth) ?? []), person]);
    }
    if (page.documents.length === 0 || page.lastSeq === afterSeq) return index;
    afterSeq = page.lastSeq;
  }
}

function swappedDayMonth(date: string): string | undefined {
  const [year, month, day] = date.split('-');
  return year && month && day && Number(day) <= 12 ? `${year}-${day}-${month}` : undefined;
}

function likelyMatches(member: HouseholdDraft['members'][number], index: Map<string, ExistingPerson[]>) {
  if (!member.dateOfBirth) return [];
  const candidates = [
    ...(index.get(member.dateOfBirth) ?? []),
    ...(index.get(swappedDayMonth(member.dateOfBirth) ?? '') ?? []),
  ];
  const identity: Identity = {
    givenName: member.givenName,
    familyName: member.familyName,
    dateOfBirth: member.dateOfBirth,
    sex: member.sex,
    ...(member.nationality ? { nationality: member.nationality } : {}),
  };
  return candidates
    .filter((existing) => isAtLeast(scoreDuplicate(identity, existing).level, 'likely'))
    .map((existing) => ({ id: existing.id, name: `${existing.givenName} ${existing.familyName}`.trim() }));
}

interface BuiltFamily {
  group: ImportGroup;
  draft: HouseholdDraft;
  household: WireDocument;
  people: { row: number; doc: WireDocument }[];
}

/** The records a validated family becomes, checked with the records' own schemas. */
function buildFamily(
  group: ImportGroup,
  draft: HouseholdDraft,
  meta: { fileKey: string; siteId: string; at: string; userId: string; deviceId: string },
): { ok: true; family: BuiltFamily } | { ok: false; reasons: string[] } {
  const common = { siteId: meta.siteId, createdAt: meta.at, updatedAt: meta.at, updatedBy: meta.userId, deviceId: meta.deviceId };
  const householdId = importId('h', meta.fileKey, group.key);
  const household = deriveHousehold({
    id: householdId,
    ...common,
    familyName: draft.familyName,
    ...(draft.contactPhone ? { contactPhone: draft.contactPhone } : {}),
    arrivalDate: draft.arrivalDate,
    arrivalMode: draft.arrivalMode,
    needs: draft.needs,
    destination: draft.destination,
    sponsor: draft.sponsor,
    consent: draft.consent,
    status: 'active' as const,
    nameKey: '',
  });
  const checked = householdSchema.safeParse(household);
  if (!checked.success) return { ok: false, reasons: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const people: BuiltFamily['people'] = [];
  for (const [index, member] of draft.members.entries()) {
    const row = group.rows[index]!.row;
    const person = derivePerson({
      id: importId('p', meta.fileKey, `row:${row}`),
      ...common,
      householdId,
      givenName: member.givenName,
      familyName: member.familyName,
      ...(member.dateOfBirth ? { dateOfBirth: member.dateOfBirth } : {}),
      ...(member.estimatedAge === undefined ? {} : { estimatedAge: member.estimatedAge, ageEstimatedOn: draft.arrivalDate }),
      sex: member.sex,
      relationship: member.relationship,
      ...(member.nationality ? { nationality: member.nationality } : {}),
      languages: member.languages,
      interpreterNeeded: member.interpreterNeeded,
      nameKey: '',
      familyKey: '',
    });
    const personChecked = personSchema.safeParse(person);
    if (!personChecked.success) {
      return { ok: false, reasons: personChecked.error.issues.map((i) => `row ${row} ${i.path.join('.')}: ${i.message}`) };
    }
    people.push({ row, doc: { ...person, _deleted: false } });
  }
  return { ok: true, family: { group, draft, household: { ...household, _deleted: false }, people } };
}

export async function importRows(deps: ImportDeps, principal: Principal, body: unknown): Promise<ImportOutcome> {
  // Writing people's records at a site is a coordinator's work; an administrator holds no records (access.ts).
  if (!principal.roles.includes('coordinator')) throw forbidden('Only coordinators may import');
  const request = parseBody(importRequestSchema, body, 'The import');
  if (!principal.siteIds.includes(request.siteId)) throw forbidden(`You may not import into site ${request.siteId}`);
  const at = deps.now().toISOString();
  const outcome: ImportOutcome = { written: [], unchanged: [], duplicates: [], refused: [] };
  const meta = { fileKey: request.fileKey, siteId: request.siteId, at, userId: principal.userId, deviceId: principal.deviceId };

  const families: BuiltFamily[] = [];
  for (const group of groupRows(request.rows)) {
    const validated = validateGroup(group);
    if (!validated.ok) {
      outcome.refused.push(...validated.refused);
      continue;
    }
    const built = buildFamily(group, validated.draft, meta);
    if (!built.ok) {
      for (const row of group.rows) outcome.refused.push({ row: row.row, reasons: built.reasons });
      continue;
    }
    families.push(built.family);
  }

  const index = await peopleByBirthDate(deps.store, request.siteId, filePrefix('p', request.fileKey));
  const households: WireDocument[] = [];
  const people: WireDocument[] = [];
  for (const family of families) {
    const existingHousehold = await deps.store.getDocument('households', family.household.id);
    const fresh: { row: number; doc: WireDocument }[] = [];
    for (const [position, person] of family.people.entries()) {
      if (await deps.store.getDocument('people', person.doc.id)) {
        outcome.unchanged.push(person.row);
        continue;
      }
      const draftMember = family.draft.members[position];
      const matches = draftMember ? likelyMatches(draftMember, index) : [];
      if (matches.length > 0) {
        outcome.duplicates.push({ row: person.row, matches });
        continue;
      }
      fresh.push(person);
    }
    // A family whose every new row is held back is not created empty.
    if (fresh.length === 0) continue;
    if (!existingHousehold) households.push(family.household);
    people.push(...fresh.map((person) => person.doc));
    outcome.written.push(...fresh.map((person) => person.row));
  }

  if (!request.dryRun) {
    const pushDeps = { store: deps.store, ...(deps.notifier ? { notifier: deps.notifier } : {}), now: () => at };
    const rows = (docs: WireDocument[]) => docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc }));
    if (households.length > 0) {
      await pushAuthorized(pushDeps, principal, 'households', rows(households), COLLECTIONS.households.version);
    }
    if (people.length > 0) {
      await pushAuthorized(pushDeps, principal, 'people', rows(people), COLLECTIONS.people.version);
    }
  }
  for (const list of [outcome.written, outcome.unchanged]) list.sort((a, b) => a - b);
  outcome.refused.sort((a, b) => a.row - b.row);
  outcome.duplicates.sort((a, b) => a.row - b.row);
  return outcome;
}
