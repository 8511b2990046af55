import { MASK_DOTS } from '../../shared/mask';

const MASK_RUN = /[•…]+|\.{3,}/;

/**
 * One masking style everywhere: a registry's own mask (`npm_••••cipu`, `a1b2c3…`) is shown the
 * way Keyport masks (first 4, eight dots, last 4 when known).
 */
export function oneMask(masked: string): string {
  const run = MASK_RUN.exec(masked);
  if (!run) return masked.length > 4 ? `${masked.slice(0, 4)}${MASK_DOTS}` : MASK_DOTS;
  const before = masked.slice(0, run.index).slice(0, 4);
  const after = masked.slice(run.index + run[0].length).slice(-4);
  return `${before}${MASK_DOTS}${after}`;
}
