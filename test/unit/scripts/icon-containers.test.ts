import { describe, expect, it } from 'vitest';
import { encodeIcns, encodeIco, ICNS_TYPES } from '../../../scripts/icon-containers.mjs';

/** A stand-in PNG per size: the signature, then bytes that say which size it is. */
function fakePng(size: number): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from(`size ${size}`)]);
}

describe('icon containers', () => {
  it('.ico: one directory entry per size, 256 written as 0, each pointing at its PNG', () => {
    const sizes = [16, 32, 256];
    const ico = encodeIco(new Map(sizes.map((s) => [s, fakePng(s)])));
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(3);
    sizes.forEach((size, i) => {
      const at = 6 + 16 * i;
      expect(ico.readUInt8(at)).toBe(size === 256 ? 0 : size);
      expect(ico.readUInt16LE(at + 6)).toBe(32);
      const length = ico.readUInt32LE(at + 8);
      const offset = ico.readUInt32LE(at + 12);
      expect(ico.subarray(offset, offset + length)).toEqual(fakePng(size));
    });
    expect(() => encodeIco(new Map([[512, fakePng(512)]]))).toThrow(/at most 256/);
  });

  it('.icns: the header length is the file length, each element holds its size’s PNG', () => {
    const images = new Map(ICNS_TYPES.map(([, size]) => [size, fakePng(size)]));
    const icns = encodeIcns(images);
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    let at = 8;
    for (const [type, size] of ICNS_TYPES) {
      expect(icns.subarray(at, at + 4).toString('ascii')).toBe(type);
      const length = icns.readUInt32BE(at + 4);
      expect(icns.subarray(at + 8, at + length)).toEqual(fakePng(size));
      at += length;
    }
    expect(at).toBe(icns.length);
  });
});
