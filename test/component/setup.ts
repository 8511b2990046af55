import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Expiry badges count local calendar days; pin the zone so fixtures mean the same everywhere.
// (Node re-reads TZ when it is assigned. The web tsconfig has no Node types, hence the cast.)
(globalThis as unknown as { process: { env: Record<string, string> } }).process.env.TZ = 'UTC';

// Calls go through the real core (files, HTTP to a local registry), not a map: on a busy machine
// an answer can take longer than Testing Library's 1 s default wait. A ceiling, not a timing.
configure({ asyncUtilTimeout: 5000 });

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

// happy-dom does no layout: every element measures 0×0, and a virtualizer with a 0-high viewport
// renders no rows. Give the list's scroll container the size of a small window.
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
const clientWidth = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth');
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('token-list') ? 640 : (clientHeight?.get?.call(this) ?? 0);
  },
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('token-list') ? 1000 : (clientWidth?.get?.call(this) ?? 0);
  },
});
