/**
 * Whether this server is a demo (`npm run demo`), asked once per page load
 * (GET /api/demo) and remembered on the device, so the banner stays while
 * offline. Any answer other than a well-formed `demo: true` means no demo:
 * a real deployment never shows demo accounts because of a network error.
 */
import { create } from '../../state';
import { demoResponseSchema, type DemoAccount, type DemoResponse } from '../../sync/api/demo';
import { protocolFetch } from '../../sync/protocolFetch';

const STORAGE_KEY = 'waystation.demo';

export interface DemoState {
  demo: boolean;
  accounts: DemoAccount[];
}

function parse(value: unknown): DemoState | undefined {
  const parsed = demoResponseSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const response: DemoResponse = parsed.data;
  return response.demo ? { demo: true, accounts: response.accounts } : { demo: false, accounts: [] };
}

function remembered(): DemoState {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return (stored ? parse(JSON.parse(stored)) : undefined) ?? { demo: false, accounts: [] };
  } catch {
    return { demo: false, accounts: [] };
  }
}

export const demoStore = create<DemoState>()(() => remembered());

let asked: Promise<void> | undefined;

/** Asks the server once; a failed request keeps what the device remembered. */
export function loadDemoMode(fetchImpl: typeof fetch = protocolFetch): Promise<void> {
  asked ??= fetchImpl('/api/demo', { cache: 'no-store' })
    .then(async (response) => {
      if (!response.ok) return;
      const state = parse(await response.json());
      if (!state) return;
      demoStore.setState(state);
      try {
        if (state.demo) globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ demo: true, accounts: state.accounts }));
        else globalThis.localStorage?.removeItem(STORAGE_KEY);
      } catch {
        // storage full or blocked: the banner still shows for this page load
      }
    })
    .catch(() => undefined);
  return asked;
}
