#!/usr/bin/env node
// `npm run icons`: renders build/icon.svg, the one source, into every size the installers use:
// build/generated/icons/NxN.png (Linux), icon.ico (Windows), icon.icns (macOS), icon.png (1024).
// The renderer is Chromium through playwright-core (already a dev dependency): the Debian
// package here and in CI's Linux job, or CHROMIUM_PATH.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { encodeIcns, encodeIco } from './icon-containers.mjs';

const root = path.resolve(import.meta.dirname, '..');
const source = path.join(root, 'build', 'icon.svg');
const out = path.join(root, 'build', 'generated');
const config = JSON.parse(readFileSync(path.join(root, 'test/support/chromium.json'), 'utf8'));

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const svg = readFileSync(source, 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? config.executablePath,
  args: config.args,
});
const images = new Map();
try {
  const page = await browser.newPage();
  for (const size of LINUX_SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">` +
        `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}" style="display:block">` +
        `</body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    images.set(size, await page.screenshot({ omitBackground: true, type: 'png' }));
  }
} finally {
  await browser.close();
}

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, 'icons'), { recursive: true });
for (const [size, png] of images)
  writeFileSync(path.join(out, 'icons', `${size}x${size}.png`), png);
writeFileSync(path.join(out, 'icon.png'), images.get(1024));
writeFileSync(
  path.join(out, 'icon.ico'),
  encodeIco(new Map(ICO_SIZES.map((s) => [s, images.get(s)]))),
);
writeFileSync(path.join(out, 'icon.icns'), encodeIcns(images));
console.log(`icons: ${images.size} sizes, .ico and .icns in ${path.relative(root, out)}`);
