import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { changeLanguage, setUpI18n } from '../../app/i18n';
import { DatabaseProvider } from '../../app/DatabaseProvider';
import { emptyNeeds } from '../../domain/household';
import {
  verificationStatusOf,
  type VerificationAttempt,
  type VerificationOverride,
} from '../../domain/calls';
import type { AuditEvent } from '../../domain/helplineAudit';
import type { WaystationDatabase } from '../../db/database';
import { createTestDatabase } from '../../../tests/fixtures/testDatabase';
import { saveHousehold } from '../intake';
import { hashAnswer } from '../../domain/verifiers';
import type { Person } from '../../domain/person';
import type { VerificationOverrideRequest } from '../../domain/helplineAudit';
import { ApiCallError } from '../../sync/apiClient';
import { AuditReporter } from './auditReporter';
import { HelplineProvider } from './HelplineProvider';
import { VerificationGate } from './VerificationGate';

let db: WaystationDatabase;
let householdId: string;
const fetchMock = vi.fn<typeof fetch>();
const requestOverride = vi.fn<(request: VerificationOverrideRequest) => Promise<{ approvedBy: string; approvedByName: string; at: string }>>();

function sentEvents(): AuditEvent[] {
  return fetchMock.mock.calls.flatMap(([url, init]) => {
    expect(String(url)).toBe('https://helpline.test/api/audit/events');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer agent-token');
    return JSON.parse(String(init?.body)) as AuditEvent[];
  });
}

/** The call screen's part that owns the attempts and the override. */
function Harness() {
  const [attempts, setAttempts] = useState<Record<string, VerificationAttempt>>({});
  const [override, setOverride] = useState<VerificationOverride | undefined>();
  return (
    <>
      <p data-testid="attempts">{Object.keys(attempts).length}</p>
      <VerificationGate
        callId="call-1"
        householdId={householdId}
        userId="agent-1"
        status={verificationStatusOf({ attempts, ...(override ? { override } : {}) })}
        onAttempt={(id, attempt) => setAttempts((a) => ({ ...a, [id]: attempt }))}
        onOverride={setOverride}
      >
        <p>Family details: Mwamba household</p>
      </VerificationGate>
    </>
  );
}

/** What the server sends a helpline agent instead of the values: salted hashes (services/verifiers.ts). */
async function storeVerifiers() {
  const head = (await db.people.find({ selector: { householdId } }).exec())
    .map((doc) => doc.toJSON() as Person)
    .find((person) => person.relationship === 'head')!;
  const at = new Date().toISOString();
  await db.verifiers.insert({
    id: head.id,
    siteId: 'helpline',
    createdAt: at,
    updatedAt: at,
    updatedBy: 'server',
    deviceId: 'server',
    householdId,
    subjectType: 'person',
    dateOfBirth: (await hashAnswer('dateOfBirth', '1985-07-21', householdId))!,
    identifiers: [(await hashAnswer('identifier', 'KAK-20-123456', householdId))!],
  });
}

function renderGate() {
  const reporter = new AuditReporter({
    baseUrl: () => 'https://helpline.test',
    token: () => 'agent-token',
    fetch: fetchMock,
  });
  render(
    <DatabaseProvider db={db}>
      <HelplineProvider services={{ reporter, units: [], focalPoints: [], requestOverride }}>
        <Harness />
      </HelplineProvider>
    </DatabaseProvider>,
  );
}

beforeAll(async () => {
  setUpI18n('en');
  await changeLanguage('en');
});

beforeEach(async () => {
  fetchMock.mockReset();
  // A fresh answer each time: a body can be read once.
  fetchMock.mockImplementation(() => Promise.resolve(new Response(JSON.stringify({ recorded: 1 }), { status: 200 })));
  requestOverride.mockReset();
  localStorage.clear();
  db = await createTestDatabase();
  ({ householdId } = await saveHousehold(
    db,
    { userId: 'v', deviceId: 'd', siteId: 'helpline' },
    {
      familyName: 'Mwamba',
      contactPhone: '+254712345678',
      arrivalDate: '2024-02-01',
      arrivalMode: 'walk_in',
      needs: emptyNeeds(),
      destination: {},
      sponsor: {},
      consent: { dataSharing: true, photo: false },
      members: [
        {
          givenName: 'Esperance',
          familyName: 'Mwamba',
          dateOfBirth: '1985-07-21',
          sex: 'female',
          relationship: 'head',
          languages: ['sw'],
          interpreterNeeded: false,
          identifiers: [{ type: 'unhcr', value: 'KAK-20-123456' }],
          medicalFlags: [],
        },
        {
          givenName: 'Jean',
          familyName: 'Mwamba',
          dateOfBirth: '2012-03-02',
          sex: 'male',
          relationship: 'child',
          languages: ['sw'],
          interpreterNeeded: false,
          identifiers: [],
          medicalFlags: [],
        },
      ],
    },
  ));
  await storeVerifiers();
});

afterEach(async () => {
  await db.close();
});

describe('the verification gate', () => {
  it('keeps the family’s details hidden after a failed attempt, records it on the call and reports it', async () => {
    const user = userEvent.setup();
    renderGate();
    await user.type(await screen.findByLabelText('Date of birth (caller or head of family)'), '21/07/1986');
    await user.type(screen.getByLabelText('Registration or ID number'), 'KAK20123456');
    await user.type(screen.getByLabelText('How many people in the family?'), '2');
    await user.click(screen.getByRole('button', { name: 'Check answers' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/do not match.*2 attempts left/);
    expect(screen.queryByText(/Family details/)).toBeNull();
    expect(screen.getByTestId('attempts').textContent).toBe('1');
    await waitFor(() => expect(sentEvents()).toHaveLength(1));
    expect(sentEvents()[0]).toMatchObject({
      action: 'helpline.verification_attempt',
      callId: 'call-1',
      householdId,
      passed: false,
      attempt: 1,
      questionIds: ['dateOfBirth', 'identifier', 'householdSize'],
    });
    // The answers themselves never leave the desk.
    expect(JSON.stringify(sentEvents())).not.toContain('1986');

    await user.type(screen.getByLabelText('Date of birth (caller or head of family)'), '1985-07-21');
    await user.type(screen.getByLabelText('Registration or ID number'), 'kak 20 123456');
    await user.type(screen.getByLabelText('How many people in the family?'), '2');
    await user.click(screen.getByRole('button', { name: 'Check answers' }));
    expect(await screen.findByText('Family details: Mwamba household')).toBeVisible();
    await waitFor(() =>
      expect(sentEvents().map((e) => e.action === 'helpline.verification_attempt' && e.passed)).toEqual([
        false,
        true,
      ]),
    );
  });

  it('locks after three failures, still locked when the screen is opened again, and says a supervisor is flagged', async () => {
    const user = userEvent.setup();
    renderGate();
    for (const left of ['2 attempts left', '1 attempt left', undefined]) {
      await user.type(await screen.findByLabelText('Date of birth (caller or head of family)'), '01/01/1980');
      await user.type(screen.getByLabelText('Registration or ID number'), 'KAK20123456');
      await user.type(screen.getByLabelText('How many people in the family?'), '2');
      await user.click(screen.getByRole('button', { name: 'Check answers' }));
      if (left) expect(await screen.findByText(new RegExp(left))).toBeVisible();
    }
    expect(await screen.findByText(/Verification is locked for this caller until .* after 3 failed attempts/)).toBeVisible();
    expect(screen.getByText(/This call is flagged for a supervisor/)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Check answers' })).toBeNull();
    await waitFor(() =>
      expect(sentEvents().map((e) => e.action === 'helpline.verification_attempt' && e.attempt)).toEqual([1, 2, 3]),
    );

    // As after a reload: a fresh screen for the same caller.
    cleanup();
    renderGate();
    expect(await screen.findByText(/Verification is locked for this caller/)).toBeVisible();
    expect(screen.getByTestId('attempts').textContent).toBe('0');
  }, 30_000);

  it("opens only with a supervisor's approval from the server, recorded under the supervisor", async () => {
    const user = userEvent.setup();
    renderGate();
    await user.click(await screen.findByRole('button', { name: 'Supervisor override' }));
    await user.click(screen.getByRole('button', { name: 'Approve override and show details' }));
    expect(screen.getByText('Give a reason of at least 10 characters.')).toBeVisible();
    expect(requestOverride).not.toHaveBeenCalled();

    requestOverride.mockRejectedValueOnce(new ApiCallError(0, 'offline', 'Failed to fetch'));
    await user.type(screen.getByLabelText("Supervisor's username"), 'coord.omar');
    await user.type(screen.getByLabelText("Supervisor's password"), 'coordinator password');
    await user.type(screen.getByLabelText('Reason for the override'), 'Caller known to the supervisor; card lost in fire');
    await user.click(screen.getByRole('button', { name: 'Approve override and show details' }));
    expect(await screen.findByText(/No connection. An override needs the server/)).toBeVisible();
    expect(screen.queryByText(/Family details/)).toBeNull();

    requestOverride.mockResolvedValueOnce({ approvedBy: 'coord-1', approvedByName: 'Omar', at: '2025-05-14T06:02:00.000Z' });
    // The password field was emptied after the failed try: the supervisor types it again.
    await user.type(screen.getByLabelText("Supervisor's password"), 'coordinator password');
    await user.click(screen.getByRole('button', { name: 'Approve override and show details' }));
    expect(await screen.findByText('Family details: Mwamba household')).toBeVisible();
    expect(screen.getByText('Opened by supervisor override: Omar.')).toBeVisible();
    expect(requestOverride).toHaveBeenLastCalledWith({
      callId: 'call-1',
      householdId,
      username: 'coord.omar',
      password: 'coordinator password',
      reason: 'Caller known to the supervisor; card lost in fire',
    });
    // The agent's device reports no override of its own: the server recorded the supervisor's.
    expect(fetchMock).not.toHaveBeenCalled();
  }, 30_000);

  it('keeps reports that could not be sent and sends them with the next one', async () => {
    const reporter = new AuditReporter({
      baseUrl: () => 'https://helpline.test',
      token: () => 'agent-token',
      fetch: fetchMock,
    });
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const event = {
      action: 'helpline.verification_attempt' as const,
      callId: 'c',
      at: '2025-05-14T06:00:00.000Z',
      passed: false,
      questionIds: [],
    };
    await reporter.report(event);
    expect(reporter.waiting).toBe(1);
    await reporter.report({ ...event, passed: true });
    expect(reporter.waiting).toBe(0);
    // The retry carried both, in order.
    const retried = JSON.parse(String(fetchMock.mock.calls.at(-1)?.[1]?.body)) as AuditEvent[];
    expect(retried.map((e) => e.action === 'helpline.verification_attempt' && e.passed)).toEqual([
      false,
      true,
    ]);
  });
});
