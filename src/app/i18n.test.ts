import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialLanguage, LANGUAGE_STORAGE_KEY, textDirection } from './i18n';

afterEach(() => {
  window.localStorage.clear();
  vi.restoreAllMocks();
});

describe('the first interface language', () => {
  it('is the one chosen before on this device', () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'sw');
    expect(initialLanguage()).toBe('sw');
  });

  it('otherwise follows the browser, region ignored', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE', 'fr-CA']);
    expect(initialLanguage()).toBe('fr');
  });

  it('falls back to English for a language the interface does not have', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ti-ER']);
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('ti-ER');
    expect(initialLanguage()).toBe('en');
  });

  it('ignores a stored value that is not an interface language', () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'xx');
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['es-MX']);
    expect(initialLanguage()).toBe('es');
  });
});

describe('text direction', () => {
  it('is right to left for Arabic only', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('ar-EG')).toBe('rtl');
    expect(textDirection('sw')).toBe('ltr');
  });
});
