/** The other value a coordinator types for a clash: refused with why on the box when it cannot be the field's, else chosen. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { changeLanguage, setUpI18n } from '../../app/i18n';
import type { Conflict } from '../../domain/conflict';
import { ConflictCard } from './ConflictCard';

vi.mock('./useOpenConflicts', () => ({ useRecordLabel: () => 'Amina Diallo' }));

beforeAll(async () => {
  setUpI18n('en');
  await changeLanguage('en');
});

const side = (value: unknown, at: string) => ({
  valueJson: JSON.stringify(value),
  userId: 'u1',
  deviceId: 'tablet-1',
  at,
});

/** A clash on a number: the household's size. */
const conflict: Conflict = {
  id: 'c1',
  siteId: 'site-a',
  createdAt: '2026-04-01T10:00:00.000Z',
  updatedAt: '2026-04-01T10:00:00.000Z',
  updatedBy: 'server',
  deviceId: 'server',
  recordCollection: 'households',
  recordId: 'h1',
  field: 'size',
  kept: side(4, '2026-04-01T09:00:00.000Z'),
  rejected: side(5, '2026-04-01T09:30:00.000Z'),
  status: 'open',
};

describe('another value for a clash', () => {
  it('refuses what cannot be the field’s value, on the box, and chooses nothing', async () => {
    const onResolve = vi.fn();
    render(<ConflictCard conflict={conflict} names={new Map()} busy={false} onResolve={onResolve} />);
    const box = screen.getByLabelText('Or enter another value');
    await userEvent.type(box, 'six');
    await userEvent.click(screen.getByRole('button', { name: 'Use the value entered' }));

    const error = await screen.findByText('This value does not fit this field. Check it and try again.');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.getAttribute('aria-describedby')).toContain(error.id);
    expect(onResolve).not.toHaveBeenCalled();
  });

  it('chooses a value typed the field’s way', async () => {
    const onResolve = vi.fn();
    render(<ConflictCard conflict={conflict} names={new Map()} busy={false} onResolve={onResolve} />);
    await userEvent.type(screen.getByLabelText('Or enter another value'), ' 6 ');
    await userEvent.click(screen.getByRole('button', { name: 'Use the value entered' }));

    await vi.waitFor(() => expect(onResolve).toHaveBeenCalledWith(conflict, '6'));
  });
});
