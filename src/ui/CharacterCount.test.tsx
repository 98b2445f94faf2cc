import { beforeAll, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { changeLanguage, setUpI18n } from '../app/i18n';
import { Field } from './Field';

beforeAll(() => {
  setUpI18n('en');
});

describe('a long text field', () => {
  it('shows its limit and how much is written, tied to the box for screen readers', async () => {
    await changeLanguage('en');
    render(
      <Field id="notes" label="Notes" counter={{ length: 1234, max: 4000 }}>
        {(a11y) => <textarea {...a11y} />}
      </Field>,
    );
    const box = screen.getByLabelText('Notes');
    expect(box.getAttribute('maxlength')).toBeNull(); // nothing is cut while typing or pasting
    expect(box.getAttribute('aria-describedby')).toBe('notes-count');
    expect(document.getElementById('notes-count')?.textContent).toBe('1,234 of 4,000 characters');
  });

  it('over the limit, says by how much, and announces it', async () => {
    await changeLanguage('en');
    render(
      <Field id="notes" label="Notes" counter={{ length: 4100, max: 4000 }} error="Too long: at most 4,000 characters.">
        {(a11y) => <textarea {...a11y} />}
      </Field>,
    );
    expect(screen.getByLabelText('Notes').getAttribute('aria-describedby')).toBe('notes-count notes-error');
    const live = document.querySelector('#notes-count [aria-live="polite"]');
    expect(live?.textContent).toBe('Too long: 4,100 of 4,000 characters. Shorten it by 100; nothing has been cut.');
  });

  it('counts in the interface language', async () => {
    await changeLanguage('fr');
    render(
      <Field id="notes" label="Notes" counter={{ length: 10, max: 8000 }}>
        {(a11y) => <textarea {...a11y} />}
      </Field>,
    );
    expect(document.getElementById('notes-count')?.textContent).toBe('10 sur 8\u202f000 caractères');
  });
});
