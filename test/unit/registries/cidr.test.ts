import net from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  invalidCidrMessage,
  isIPv4Address,
  isIPv6Address,
  isValidCidr,
  validateCidrs,
} from '../../../src/shared/cidr';

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));

/** One IPv6 group in any of the spellings people paste: 0, 00ff, ABCD. */
const hexGroup = fc
  .tuple(fc.integer({ min: 0, max: 0xffff }), fc.boolean(), fc.boolean())
  .map(([n, pad, upper]) => {
    const text = pad ? n.toString(16).padStart(4, '0') : n.toString(16);
    return upper ? text.toUpperCase() : text;
  });

/** Full 8-group, `::`-compressed and IPv4-tailed forms. */
const ipv6 = fc.oneof(
  fc.array(hexGroup, { minLength: 8, maxLength: 8 }).map((g) => g.join(':')),
  fc
    .integer({ min: 0, max: 7 })
    .chain((total) =>
      fc.tuple(
        fc.array(hexGroup, { minLength: total, maxLength: total }),
        fc.integer({ min: 0, max: total }),
      ),
    )
    .map(([groups, cut]) => `${groups.slice(0, cut).join(':')}::${groups.slice(cut).join(':')}`),
  fc
    .tuple(fc.array(hexGroup, { minLength: 0, maxLength: 5 }), ipv4)
    .map(([groups, v4]) => `${groups.join(':')}::${v4}`),
  fc
    .tuple(fc.array(hexGroup, { minLength: 6, maxLength: 6 }), ipv4)
    .map(([groups, v4]) => `${groups.join(':')}:${v4}`),
);

const v4Cidr = fc
  .tuple(ipv4, fc.integer({ min: 0, max: 32 }))
  .map(([a, p]) => ({ address: a, prefix: p, family: 4 as const }));
const v6Cidr = fc
  .tuple(ipv6, fc.integer({ min: 0, max: 128 }))
  .map(([a, p]) => ({ address: a, prefix: p, family: 6 as const }));
const anyCidr = fc.oneof(v4Cidr, v6Cidr);

/** Mutations that each make a valid CIDR invalid, whatever it was. */
const mutated = fc.oneof(
  anyCidr.map((c) => c.address),
  anyCidr.map((c) => `${c.address}/`),
  anyCidr.map((c) => `${c.address}/${c.family === 4 ? 33 : 129}`),
  fc
    .tuple(anyCidr, fc.integer({ min: 0, max: 999 }))
    .map(([c, extra]) => `${c.address}/${c.family === 4 ? 33 + extra : 129 + extra}`),
  anyCidr.map((c) => `${c.address}/0${c.prefix}`),
  anyCidr.map((c) => `${c.address}/-${c.prefix}`),
  anyCidr.map((c) => ` ${c.address}/${c.prefix}`),
  anyCidr.map((c) => `${c.address}/${c.prefix} `),
  anyCidr.map((c) => `${c.address}/${c.prefix}/${c.prefix}`),
  anyCidr.map((c) => `${c.address}g/${c.prefix}`),
  v4Cidr.map((c) => `${c.address}.1/${c.prefix}`),
  v4Cidr.map((c) => `${c.address.replace(/^\d+/, '256')}/${c.prefix}`),
  v4Cidr.map((c) => `${c.address.replace(/^(\d+)/, '0$1')}/${c.prefix}`),
  v6Cidr.map((c) => `${c.address}:::/${c.prefix}`),
  v6Cidr.map((c) => `1::2::${c.address.replaceAll('::', ':')}/${c.prefix}`),
  fc.array(hexGroup, { minLength: 9, maxLength: 12 }).map((g) => `${g.join(':')}/64`),
  fc.array(hexGroup, { minLength: 1, maxLength: 7 }).map((g) => `${g.join(':')}/64`),
  fc
    .tuple(hexGroup, fc.integer({ min: 0x10000, max: 0xfffff }))
    .map(([g, big]) => `${g}::${big.toString(16)}/64`),
);

describe('CIDR validation (what npm calls "Invalid CIDR")', () => {
  it('accepts every generated IPv4 and IPv6 CIDR', () => {
    fc.assert(
      fc.property(anyCidr, ({ address, prefix }) => {
        expect(isValidCidr(`${address}/${prefix}`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses every mutated one', () => {
    fc.assert(
      fc.property(mutated, (entry) => {
        expect(isValidCidr(entry)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with Node on IPv6 addresses over strings of address characters', () => {
    const chars = fc.constantFrom(...'0123456789abcdefABCDEF:.'.split(''), '::', ':', '1.2.3.4');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 24 }).map((parts) => parts.join('')),
        (text) => {
          expect(isIPv6Address(text)).toBe(net.isIPv6(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('agrees with Node on IPv4 addresses', () => {
    const chars = fc.constantFrom(...'0123456789.'.split(''), '255', '256', '00');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 16 }).map((parts) => parts.join('')),
        (text) => {
          expect(isIPv4Address(text)).toBe(net.isIPv4(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['127.0.0.1/32', true],
    ['0.0.0.0/0', true],
    ['10.1.2.3/8', true],
    ['::/0', true],
    ['::1/128', true],
    ['2001:db8::/32', true],
    ['::ffff:192.168.0.1/120', true],
    ['fe80::1%eth0/64', false],
    ['127.0.0.1', false],
    ['127.0.0.1/32 ', false],
    ['1.2.3.4::/64', false],
    ['localhost/32', false],
    ['', false],
  ])('%j → %s', (entry, valid) => {
    expect(isValidCidr(entry)).toBe(valid);
  });

  it('names the first invalid entry, or null when all are valid', () => {
    expect(validateCidrs([])).toBeNull();
    expect(validateCidrs(['10.0.0.0/8', '::1/128'])).toBeNull();
    expect(validateCidrs(['10.0.0.0/8', '10.0.0.0/33', 'nope'])).toBe('10.0.0.0/33');
    expect(invalidCidrMessage('10.0.0.0/33')).toBe('Invalid CIDR: 10.0.0.0/33');
    expect(invalidCidrMessage('x'.repeat(200))).toHaveLength('Invalid CIDR: '.length + 58);
  });
});
