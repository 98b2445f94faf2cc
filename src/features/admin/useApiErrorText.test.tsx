import { renderHook } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, setUpI18n } from '../../app/i18n';
import { ApiCallError } from '../../sync/apiClient';
import { useApiErrorText } from './useApiErrorText';

beforeAll(async () => {
  setUpI18n('en');
  await changeLanguage('en');
});

describe('useApiErrorText', () => {
  it('gives the same function on every render, so a screen loading in an effect loads once', () => {
    const { result, rerender } = renderHook(() => useApiErrorText());
    const first = result.current;
    rerender();
    rerender();
    expect(result.current).toBe(first);
  });

  it('says an offline failure in words', () => {
    const { result } = renderHook(() => useApiErrorText());
    expect(result.current(new ApiCallError(0, 'offline', 'offline'))).toBe('No connection: administration needs the server.');
  });
});
