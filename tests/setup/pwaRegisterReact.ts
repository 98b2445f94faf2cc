/**
 * Test stand-in for vite-plugin-pwa's `virtual:pwa-register/react`, which only
 * exists inside a Vite build with the PWA plugin. Aliased in vitest.config.ts
 * (unit project). Tests drive it through `pwaRegisterState`.
 */
import { useState } from 'react';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';

export const pwaRegisterState = {
  needRefresh: false,
  offlineReady: false,
  updateCalls: [] as (boolean | undefined)[],
  reset() {
    this.needRefresh = false;
    this.offlineReady = false;
    this.updateCalls = [];
  },
};

export function useRegisterSW(_options?: RegisterSWOptions) {
  const needRefresh = useState(pwaRegisterState.needRefresh);
  const offlineReady = useState(pwaRegisterState.offlineReady);
  return {
    needRefresh,
    offlineReady,
    updateServiceWorker: async (reloadPage?: boolean) => {
      pwaRegisterState.updateCalls.push(reloadPage);
    },
  };
}
