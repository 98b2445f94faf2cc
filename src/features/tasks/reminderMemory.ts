/**
 * What this device remembers about reminders (dismissed, already notified),
 * per user, in localStorage: ids only, no names or titles. Components read it
 * through useReminderMemory so a dismissal shows at once everywhere.
 */
import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { EMPTY_REMINDER_MEMORY, type ReminderMemory } from '../../domain/reminders';

const memorySchema = z.object({ dismissed: z.array(z.string()), notified: z.array(z.string()) });
const keyOf = (userId: string) => `waystation.reminders.${userId}`;

const listeners = new Set<() => void>();
const cache = new Map<string, ReminderMemory>();

export function readReminderMemory(userId: string): ReminderMemory {
  const cached = cache.get(userId);
  if (cached) return cached;
  let memory = EMPTY_REMINDER_MEMORY;
  try {
    const raw = localStorage.getItem(keyOf(userId));
    const parsed = raw ? memorySchema.safeParse(JSON.parse(raw)) : undefined;
    if (parsed?.success) memory = parsed.data;
  } catch {
    // unreadable: start afresh (at worst a reminder shows again)
  }
  cache.set(userId, memory);
  return memory;
}

export function writeReminderMemory(userId: string, memory: ReminderMemory): void {
  const current = readReminderMemory(userId);
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
  if (same(current.dismissed, memory.dismissed) && same(current.notified, memory.notified)) return;
  cache.set(userId, memory);
  try {
    localStorage.setItem(keyOf(userId), JSON.stringify(memory));
  } catch {
    // storage full or blocked: remembered for this visit
  }
  for (const listener of listeners) listener();
}

export function useReminderMemory(userId: string): ReminderMemory {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => readReminderMemory(userId),
  );
}
