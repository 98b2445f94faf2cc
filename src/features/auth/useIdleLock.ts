import { useEffect } from 'react';

/** What counts as someone using the device. Mouse movement alone does not. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
const CHECK_EVERY_MS = 1000;

/**
 * Calls `onIdle` once nobody has touched the page for `minutes`. Checked on a
 * short interval against the clock (background tabs throttle timers) and when
 * the page becomes visible again.
 */
export function useIdleLock(minutes: number, onIdle: () => void, target: Window = window): void {
  useEffect(() => {
    const limitMs = minutes * 60_000;
    let lastActivity = Date.now();
    let fired = false;
    const onActivity = () => {
      lastActivity = Date.now();
    };
    const check = () => {
      if (!fired && Date.now() - lastActivity >= limitMs) {
        fired = true;
        onIdle();
      }
    };
    for (const type of ACTIVITY_EVENTS)
      target.addEventListener(type, onActivity, { passive: true, capture: true });
    target.document.addEventListener('visibilitychange', check);
    const interval = target.setInterval(check, CHECK_EVERY_MS);
    return () => {
      for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, onActivity, { capture: true });
      target.document.removeEventListener('visibilitychange', check);
      target.clearInterval(interval);
    };
  }, [minutes, onIdle, target]);
}
