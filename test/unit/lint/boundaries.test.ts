import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layers' borders are ESLint rules (eslint.config.mjs). Each case lints one import that
 * breaks a border, as if it stood in a file of that layer, and expects no-restricted-imports to
 * refuse it; the allowed imports beside them must pass, so a rule cannot simply refuse all.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

const CASES: Array<[layer: string, file: string, breaking: string[], allowed: string[]]> = [
  [
    'renderer',
    'src/renderer/src/components/x.tsx',
    [
      "import { referenceFor } from '../../../core/references';",
      "import { registerIpc } from '../../../main/ipc';",
      "import { runCli } from '../../../cli/main';",
      "import { ipcRenderer } from 'electron';",
      "import fs from 'node:fs';",
      "import path from 'path';",
    ],
    [
      "import { referenceFor } from '../../../shared/references';",
      "import { BackButton } from './back-button';",
      "import { useState } from 'react';",
    ],
  ],
  [
    'shared',
    'src/shared/x.ts',
    [
      "import { Vault } from '../core/vault/vault';",
      "import { createWindow } from '../main/index';",
      "import { hostOf } from '../renderer/src/components/token-row';",
      "import { app } from 'electron';",
      "import os from 'node:os';",
    ],
    ["import type { TokenMeta } from './types';", "import * as v from 'valibot';"],
  ],
  [
    'core',
    'src/core/x.ts',
    [
      "import { app } from 'electron';",
      "import { registerIpc } from '../main/ipc';",
      "import { hostOf } from '../renderer/src/components/token-row';",
    ],
    ["import fs from 'node:fs';", "import { referenceFor } from '../shared/references';"],
  ],
];

describe('lint keeps the layers apart', () => {
  for (const [layer, file, breaking, allowed] of CASES) {
    it.each(breaking)(`${layer}: refuses %s`, async (code) => {
      expect(await restricted(file, code)).toBe(true);
    });
    it.each(allowed)(`${layer}: allows %s`, async (code) => {
      expect(await restricted(file, code)).toBe(false);
    });
  }
});
