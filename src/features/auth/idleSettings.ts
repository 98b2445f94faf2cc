/**
 * How long the app may sit untouched before it locks. A device setting, not a
 * secret: it is kept in clear so the lock works before anyone unlocks.
 */
import { create, createJSONStorage, persist } from '../../state';

export const IDLE_MINUTE_CHOICES = [1, 2, 5, 10, 15, 30] as const;
export const DEFAULT_IDLE_MINUTES = 5;
export const IDLE_SETTINGS_ITEM = 'waystation.idleLock';

interface IdleSettings {
  idleMinutes: number;
  setIdleMinutes(minutes: number): void;
}

export const idleSettingsStore = create<IdleSettings>()(
  persist(
    (set) => ({
      idleMinutes: DEFAULT_IDLE_MINUTES,
      setIdleMinutes: (minutes) => {
        if ((IDLE_MINUTE_CHOICES as readonly number[]).includes(minutes)) set({ idleMinutes: minutes });
      },
    }),
    {
      name: IDLE_SETTINGS_ITEM,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ idleMinutes: state.idleMinutes }),
    },
  ),
);
