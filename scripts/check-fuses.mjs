#!/usr/bin/env node
// Reads the fuse wire back from the packaged binary (after `electron-builder --dir`) and compares
// it with scripts/fuses.cjs: one line per fuse, exit 1 on any difference. The flip happens in
// electron-builder's afterPack; this proves it reached the binary that ships.
import { createRequire } from 'node:module';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { packagedApp } from './packaged-app.mjs';

const { FUSES } = createRequire(import.meta.url)('./fuses.cjs');
const { fuseTarget } = packagedApp(process.argv[2] ?? 'dist');
const wire = await getCurrentFuseWire(fuseTarget);
let wrong = 0;
for (const [name, enabled] of Object.entries(FUSES)) {
  const state = wire[FuseV1Options[name]];
  const ok = state === (enabled ? FuseState.ENABLE : FuseState.DISABLE);
  if (!ok) wrong++;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'}  ${name} ${enabled ? 'on' : 'off'}${ok ? '' : ` (found ${FuseState[state] ?? state})`}`,
  );
}
process.exit(wrong === 0 ? 0 : 1);
