/**
 * The one masking rule (UI, CLI, logs): the first and last 4 characters of a secret of at least
 * 16 characters, else only dots. A fixed number of dots so the mask does not reveal the length.
 */
export const MASK_DOTS = '••••••••';

export function maskSecret(secret: string): string {
  if (secret.length < 16) return MASK_DOTS;
  return `${secret.slice(0, 4)}${MASK_DOTS}${secret.slice(-4)}`;
}
