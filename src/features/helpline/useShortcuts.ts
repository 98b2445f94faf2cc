import { useEffect, useRef } from 'react';

/** Alt + a letter, matched on the physical key so it works with any keyboard layout or language. */
export type ShortcutKey = 'N' | 'R' | 'E' | 'S' | 'V';

/** Calls the handler for Alt+<key> anywhere on the page (also while typing in a field). */
export function useShortcuts(handlers: Partial<Record<ShortcutKey, () => void>>): void {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const letter = /^Key([A-Z])$/.exec(event.code)?.[1] as ShortcutKey | undefined;
      const handler = letter ? current.current[letter] : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
