// The two icon containers the installers need, filled with PNG images (both formats accept PNG
// entries: Windows since Vista, macOS since 10.7), so no image library beyond the renderer is
// needed. `images`: Map of pixel size → PNG bytes.

/** Windows .ico: a directory of entries, each a PNG; 256 is written as 0 in its byte fields. */
export function encodeIco(images) {
  const sizes = [...images.keys()].sort((a, b) => a - b);
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    if (size > 256) throw new Error(`an .ico entry is at most 256 px, not ${size}`);
    const png = images.get(size);
    const at = 6 + 16 * i;
    header.writeUInt8(size === 256 ? 0 : size, at);
    header.writeUInt8(size === 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2);
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...sizes.map((s) => images.get(s))]);
}

/** macOS .icns element types holding PNG data, by the pixel size they contain. */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** macOS .icns: 'icns' + total length, then (type, length incl. its 8-byte header, PNG) each. */
export function encodeIcns(images) {
  const parts = [];
  for (const [type, size] of ICNS_TYPES) {
    const png = images.get(size);
    if (!png) throw new Error(`.icns needs a ${size} px image for ${type}`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    parts.push(head, png);
  }
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}
