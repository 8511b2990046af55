/**
 * An id for one registry call, so a Cancel button can name the call it stops (op:cancel). Random
 * rather than a counter: ids from two windows, or from before a reload, must never collide.
 */
export function newOpId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
