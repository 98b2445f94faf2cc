/**
 * The confirmations shown after a save ("Call-back recorded", "Unit saved"):
 * one small store, so any screen can confirm through useToast().show(message)
 * and the one region in the layout announces it (role="status").
 */
import { create } from '../state';

export interface ToastMessage {
  id: number;
  text: string;
}

/** Long enough to read a sentence twice; the person can also close it. */
export const TOAST_MS = 6000;

interface ToastState {
  messages: ToastMessage[];
  show: (text: string) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useToastStore = create<ToastState>((set, get) => ({
  messages: [],
  show: (text) => {
    const id = nextId++;
    // The same confirmation twice in a row replaces the first instead of stacking.
    set((state) => ({ messages: [...state.messages.filter((m) => m.text !== text), { id, text }].slice(-3) }));
    setTimeout(() => get().dismiss(id), TOAST_MS);
  },
  dismiss: (id) => set((state) => ({ messages: state.messages.filter((m) => m.id !== id) })),
}));

/** `const toast = useToast(); toast.show(t('…saved'))` after a save succeeds. */
export function useToast(): { show: (text: string) => void } {
  const show = useToastStore((state) => state.show);
  return { show };
}
