/**
 * A household of four registered with the keyboard alone: Tab to move,
 * typing to fill, Enter to add a person and to save. jsdom does not do a
 * browser's type-to-select on a focused <select> (typing "c" picks the first
 * option starting with "C"), so `typeOnSelect` does exactly that and nothing more.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { changeLanguage, setUpI18n } from '../../app/i18n';
import type { HouseholdDraft } from '../../domain/householdDraft';
import { HouseholdForm } from './HouseholdForm';
import { newHouseholdDefaults } from './householdFormDefaults';

beforeAll(async () => {
  setUpI18n('en');
  await changeLanguage('en');
});

/** Presses Tab (or Shift+Tab, if the target is behind) until `target` has the focus. */
async function tabTo(user: UserEvent, target: HTMLElement): Promise<void> {
  const active = document.activeElement;
  const backwards =
    active !== null && active !== document.body && Boolean(target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
  for (let presses = 0; presses < 200; presses++) {
    if (document.activeElement === target) return;
    await user.tab({ shift: backwards });
  }
  throw new Error(`Tab never reached ${target.outerHTML.slice(0, 80)}`);
}

/** A browser's type-to-select on the focused <select>. */
function typeOnSelect(text: string): void {
  const select = document.activeElement;
  if (!(select instanceof HTMLSelectElement)) throw new Error('focus is not on a select');
  const option = [...select.options].find((o) => o.text.toLowerCase().startsWith(text.toLowerCase()));
  if (!option) throw new Error(`no option starts with "${text}"`);
  select.value = option.value;
  fireEvent.change(select);
}

function person(number: number) {
  return screen.getByRole('group', { name: `Person ${number}` });
}

interface Member {
  given: string;
  familyName?: string;
  sex: string;
  relationship?: string;
  dateOfBirth: string;
}

async function fillPerson(user: UserEvent, number: number, member: Member) {
  const group = person(number);
  await tabTo(user, within(group).getByLabelText('Given name'));
  await user.keyboard(member.given);
  if (member.familyName) {
    await tabTo(user, within(group).getByLabelText('Family name'));
    await user.keyboard(member.familyName);
  }
  await tabTo(user, within(group).getByLabelText('Date of birth'));
  await user.keyboard(member.dateOfBirth);
  await tabTo(user, within(group).getByLabelText('Sex'));
  typeOnSelect(member.sex);
  if (member.relationship) {
    await tabTo(user, within(group).getByLabelText('Relationship to the head of the family'));
    typeOnSelect(member.relationship);
  }
}

describe('HouseholdForm with the keyboard only', () => {
  it('registers a family of four with Tab, typing and Enter', async () => {
    const onSubmit = vi.fn<(draft: HouseholdDraft) => void>();
    render(<HouseholdForm defaultValues={newHouseholdDefaults(new Date(2026, 4, 1, 12))} onSubmit={onSubmit} />);
    const user = userEvent.setup({ delay: null });

    await tabTo(user, screen.getByLabelText('Family name', { selector: '#household-familyName' }));
    await user.keyboard('Mendoza');
    await tabTo(user, screen.getByLabelText('Contact phone'));
    await user.keyboard('+1 602 555 0101');
    await tabTo(user, screen.getByLabelText('How they arrived'));
    typeOnSelect('By bus');

    await fillPerson(user, 1, { given: 'Rosa', familyName: 'Mendoza', sex: 'F', dateOfBirth: '1990-04-12' });
    const children: Member[] = [
      { given: 'Luis', sex: 'M', relationship: 'Chi', dateOfBirth: '2015-09-01' },
      { given: 'Ana', sex: 'F', relationship: 'Chi', dateOfBirth: '2019-01-20' },
      { given: 'Marta', sex: 'F', relationship: 'Gra', dateOfBirth: '1956-06-30' },
    ];
    for (const [offset, child] of children.entries()) {
      await tabTo(user, screen.getByRole('button', { name: 'Add a person' }));
      await user.keyboard('{Enter}');
      await fillPerson(user, offset + 2, child);
    }
    // Enter in a text field submits the form, as in a browser.
    await tabTo(user, within(person(4)).getByLabelText('Given name'));
    await user.keyboard('{Enter}');

    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1), { timeout: 5000 });
    const draft = onSubmit.mock.calls[0]![0];
    expect(draft).toMatchObject({ familyName: 'Mendoza', contactPhone: '+1 602 555 0101', arrivalMode: 'bus' });
    expect(draft.members.map((m) => [m.givenName, m.familyName, m.sex, m.relationship, m.dateOfBirth])).toEqual([
      ['Rosa', 'Mendoza', 'female', 'head', '1990-04-12'],
      ['Luis', 'Mendoza', 'male', 'child', '2015-09-01'],
      ['Ana', 'Mendoza', 'female', 'child', '2019-01-20'],
      ['Marta', 'Mendoza', 'female', 'grandparent', '1956-06-30'],
    ]);
  }, 120_000);
});
