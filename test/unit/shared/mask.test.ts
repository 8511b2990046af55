import { describe, expect, it } from 'vitest';
import { MASK_DOTS, maskSecret } from '../../../src/shared/mask';

describe('maskSecret', () => {
  it('shows the first and last four characters of a token of 16 or more', () => {
    expect(maskSecret('abcd1234567890wxyz')).toBe(`abcd${MASK_DOTS}wxyz`);
    expect(maskSecret('0123456789abcdef')).toBe(`0123${MASK_DOTS}cdef`);
  });
  it('shows only dots for a shorter token, whatever its length', () => {
    expect(maskSecret('0123456789abcde')).toBe(MASK_DOTS);
    expect(maskSecret('x')).toBe(MASK_DOTS);
  });
});
