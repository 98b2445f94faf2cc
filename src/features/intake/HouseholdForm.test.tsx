import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setUpI18n, changeLanguage } from '../../app/i18n';
import { HouseholdForm } from './HouseholdForm';
import { newHouseholdDefaults } from './householdFormDefaults';
import type { HouseholdDraft } from '../../domain/householdDraft';

beforeAll(async () => {
  setUpI18n('en');
  await changeLanguage('en');
});

function person(number: number) {
  return screen.getByRole('group', { name: `Person ${number}` });
}

function renderForm() {
  const onSubmit = vi.fn<(draft: HouseholdDraft) => void>();
  render(
    <HouseholdForm defaultValues={newHouseholdDefaults(new Date(2025, 2, 1, 12))} onSubmit={onSubmit} />,
  );
  return { onSubmit, user: userEvent.setup({ delay: null }) };
}

describe('HouseholdForm', () => {
  it('submits a household with the people left after adding and removing rows', async () => {
    const { onSubmit, user } = renderForm();

    await user.type(
      screen.getByLabelText('Family name', { selector: '#household-familyName' }),
      'Pérez López',
    );
    await user.type(screen.getByLabelText('Contact phone'), '+1 915 555 0100');
    await user.selectOptions(screen.getByLabelText('How they arrived'), 'detention_release');
    await user.click(screen.getByLabelText('Food'));
    await user.click(screen.getByLabelText('Shelter'));

    const first = person(1);
    await user.type(within(first).getByLabelText('Given name'), 'Ana');
    await user.type(within(first).getByLabelText('Family name'), 'Pérez');
    await user.type(within(first).getByLabelText('Date of birth'), '1990-05-01');
    await user.selectOptions(within(first).getByLabelText('Sex'), 'female');
    await user.selectOptions(within(first).getByLabelText('Nationality'), 'GT');
    await user.selectOptions(within(first).getByLabelText('Add a language'), 'es');
    await user.selectOptions(within(first).getByLabelText('Add a language'), 'quc');
    await user.click(within(first).getByRole('button', { name: 'Add a document' }));
    await user.type(within(first).getByLabelText('Number'), 'A123456789');
    await user.click(within(first).getByLabelText('Pregnant'));

    await user.click(screen.getByRole('button', { name: 'Add a person' }));
    const second = person(2);
    // A new person starts with the household's family name.
    expect(within(second).getByLabelText('Family name')).toHaveProperty('value', 'Pérez López');
    await user.type(within(second).getByLabelText('Given name'), 'Luis');
    await user.type(within(second).getByLabelText('Estimated age (years)'), '8');
    await user.selectOptions(within(second).getByLabelText('Sex'), 'male');
    await user.selectOptions(
      within(second).getByLabelText('Relationship to the head of the family'),
      'child',
    );
    await user.click(within(second).getByLabelText('Needs an interpreter'));

    await user.click(screen.getByRole('button', { name: 'Add a person' }));
    await user.type(within(person(3)).getByLabelText('Given name'), 'Registered by mistake');
    await user.click(screen.getByRole('button', { name: 'Remove Registered by mistake' }));
    expect(screen.queryByRole('group', { name: 'Person 3' })).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: /shared with partner organisations/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSubmit).toHaveBeenCalledTimes(1);
    const draft = onSubmit.mock.calls[0]?.[0];
    expect(draft).toMatchObject({
      familyName: 'Pérez López',
      contactPhone: '+1 915 555 0100',
      arrivalDate: '2025-03-01',
      arrivalMode: 'detention_release',
      needs: {
        food: true,
        shelter: true,
        clothing: false,
        hygiene: false,
        medicalScreening: false,
        legalOrientation: false,
      },
      consent: { dataSharing: true, photo: false },
    });
    expect(draft?.notes).toBeUndefined();
    expect(draft?.members).toHaveLength(2);
    expect(draft?.members[0]).toMatchObject({
      givenName: 'Ana',
      familyName: 'Pérez',
      dateOfBirth: '1990-05-01',
      sex: 'female',
      relationship: 'head',
      nationality: 'GT',
      languages: ['es', 'quc'],
      interpreterNeeded: false,
      identifiers: [{ type: 'a_number', value: 'A123456789' }],
      medicalFlags: ['pregnant'],
    });
    expect(draft?.members[0]?.estimatedAge).toBeUndefined();
    expect(draft?.members[1]).toMatchObject({
      givenName: 'Luis',
      familyName: 'Pérez López',
      estimatedAge: 8,
      sex: 'male',
      relationship: 'child',
      languages: [],
      interpreterNeeded: true,
      identifiers: [],
      medicalFlags: [],
    });
    expect(draft?.members[1]?.dateOfBirth).toBeUndefined();
    expect(draft?.members[1]?.nationality).toBeUndefined();
  }, 30_000);

  it('shows translated errors beside the fields and does not submit an incomplete form', async () => {
    const { onSubmit, user } = renderForm();

    await user.click(screen.getByRole('button', { name: 'Save' }));

    // Validation is asynchronous (zod through react-hook-form): wait for its summary, then look around it.
    const summary = await screen.findByRole('alert');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(summary).toHaveProperty(
      'textContent',
      expect.stringContaining('need correcting'),
    );
    const familyName = screen.getByLabelText('Family name', { selector: '#household-familyName' });
    expect(familyName.getAttribute('aria-invalid')).toBe('true');
    const describedBy = familyName.getAttribute('aria-describedby') ?? '';
    expect(describedBy).toContain('household-familyName-error');
    expect(document.getElementById('household-familyName-error')?.textContent).toBe('Required.');
    expect(screen.getByLabelText('How they arrived').getAttribute('aria-invalid')).toBe('true');
    const first = person(1);
    expect(within(first).getByLabelText('Given name').getAttribute('aria-invalid')).toBe('true');
    expect(within(first).getAllByText('Choose one of the options.').length).toBeGreaterThan(0);
  });

  it('asks for at least one person when every row was removed', async () => {
    const { onSubmit, user } = renderForm();
    await user.type(screen.getByLabelText('Family name', { selector: '#household-familyName' }), 'Mukiza');
    await user.selectOptions(screen.getByLabelText('How they arrived'), 'bus');
    await user.click(screen.getByRole('button', { name: 'Remove person 1' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Add at least one person.')).toBeVisible();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('rejects a date of birth together with an estimated age', async () => {
    const { onSubmit, user } = renderForm();
    const first = person(1);
    // The rule is checked once the person's other answers are valid.
    await user.type(within(first).getByLabelText('Given name'), 'Amani');
    await user.selectOptions(within(first).getByLabelText('Sex'), 'female');
    await user.type(within(first).getByLabelText('Date of birth'), '2010-01-01');
    await user.type(within(first).getByLabelText('Estimated age (years)'), '15');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await within(first).findByText('Give a date of birth or an estimated age, not both.')).toBeVisible();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
