import { beforeAll, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { changeLanguage, setUpI18n, type InterfaceLanguage } from '../../app/i18n';
import type { Person } from '../../domain/person';
import { MemberDetails } from './MemberDetails';

const today = new Date().toISOString().slice(0, 10);
const baby: Person = {
  id: 'p-baby',
  siteId: 'site-1',
  createdAt: `${today}T08:00:00.000Z`,
  updatedAt: `${today}T08:00:00.000Z`,
  updatedBy: 'volunteer-1',
  deviceId: 'tablet-1',
  householdId: 'h1',
  givenName: 'Hodan',
  familyName: 'Cabdi',
  estimatedAge: 0,
  ageEstimatedOn: today,
  sex: 'female',
  relationship: 'child',
  languages: ['so'],
  interpreterNeeded: false,
  nameKey: 'hodan cabdi',
  familyKey: 'cabdi hodan',
};

beforeAll(() => {
  setUpI18n('en');
});

describe('an estimated age of 0', () => {
  it.each<[InterfaceLanguage, string]>([
    ['en', 'under 1 year'],
    ['es', 'menos de 1 año'],
    ['fr', 'moins d’un an'],
    ['ar', 'أقل من سنة'],
    ['sw', 'chini ya mwaka 1'],
  ])('reads "under 1 year" in %s', async (language, text) => {
    await changeLanguage(language);
    render(<MemberDetails person={baby} />);
    expect(screen.getByText(text)).toBeVisible();
  });

  it('and an older estimate still reads as years', async () => {
    await changeLanguage('en');
    render(<MemberDetails person={{ ...baby, estimatedAge: 3 }} />);
    expect(screen.getByText('about 3 years')).toBeVisible();
  });
});
