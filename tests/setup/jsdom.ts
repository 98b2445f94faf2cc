import 'fake-indexeddb/auto';
// toBeVisible and friends: assertions on what a person sees, not on a truthy node.
import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => {
  cleanup();
});
