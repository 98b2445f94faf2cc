/**
 * The one door to the state library (CONVENTIONS: wrap it once). Features
 * keep their own small stores built with these; lint refuses direct imports.
 */
export { create, useStore } from 'zustand';
export type { StoreApi, UseBoundStore } from 'zustand';
export { persist, createJSONStorage } from 'zustand/middleware';
