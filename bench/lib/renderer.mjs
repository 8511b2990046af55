// Section 3b: the built renderer in Chromium: first paint of 10,000 tokens, and scrolling them.
/* global window, document, MutationObserver, requestAnimationFrame, innerHeight */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeTokens } from './vault.mjs';
import { now, onCleanup, quantile, round, summary } from './util.mjs';

/** Launched as the e2e tests launch it (one recipe, see playwright.config.ts). */
const recipe = JSON.parse(
  readFileSync(new URL('../../test/support/chromium.json', import.meta.url), 'utf8'),
);
const CHROMIUM = process.env.CHROMIUM_PATH ?? recipe.executablePath;
const ARGS = recipe.args;

/**
 * Runs in the page before the app: a `window.keyport` stub (the bridge transport is not what is
 * measured) whose listTokens answers `count` tokens, structured-cloned as IPC would deliver them,
 * and marks: stub data ready, first token row in the DOM, the frame after it painted.
 * performance.now() counts from navigation start.
 */
function pageInit({ count, delayMs, makeTokensSource }) {
  const bench = { count, delayMs };
  window.__bench = bench;
  const g0 = performance.now();
  const tokens = new Function(`${makeTokensSource}; return makeTokens;`)()(count);
  bench.stubGenMs = performance.now() - g0;
  const ok = (value) => Promise.resolve({ ok: true, value });
  const answers = {
    appInfo: () =>
      ok({
        version: 'bench',
        dataDir: '/tmp/keyport-bench',
        platform: 'linux',
        clipboardClearSeconds: 30,
        revealHideSeconds: 30,
      }),
    listTokens: () =>
      new Promise((resolve) => {
        bench.listCalled = performance.now();
        const answer = () => {
          const value = structuredClone(tokens);
          bench.dataReady = performance.now();
          resolve({ ok: true, value });
        };
        // delayMs > 0: the app has mounted and painted its loading state before the data comes,
        // so data → paint is the list render alone. 0: data at once, as from a fast main process.
        if (delayMs > 0) setTimeout(answer, delayMs);
        else answer();
      }),
    listAccounts: () => ok([]),
    configDefaults: () => ok({}),
  };
  const api = new Proxy(
    {},
    {
      get: (_, name) =>
        answers[name] ??
        (() => Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'bench stub' } })),
    },
  );
  Object.defineProperty(window, 'keyport', { value: api });
  const observer = new MutationObserver(() => {
    if (bench.firstRow !== undefined) return;
    const row = document.querySelector('[data-token-id]');
    if (!row) return;
    bench.firstRow = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        bench.painted = performance.now();
        const r = row.getBoundingClientRect();
        bench.visible = r.height > 0 && r.top < innerHeight && r.bottom > 0;
        bench.rowsInDom = document.querySelectorAll('[data-token-id]').length;
      };
      ch.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** In-page frame recorder: rAF deltas until stopped. */
function startFrames() {
  const rec = { deltas: [], last: 0, on: true, longTasks: [] };
  window.__frames = rec;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) rec.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  } catch {
    // longtask entries are a Chromium feature; frames alone still tell.
  }
  const step = (t) => {
    if (rec.last) rec.deltas.push(t - rec.last);
    rec.last = t;
    if (rec.on) requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

export async function benchRenderer({ repo, reps, log }) {
  const t0 = now();
  const outDir = path.join(repo, 'out/renderer');
  if (!existsSync(path.join(outDir, 'index.html'))) {
    throw new Error('out/renderer is not built; run `npx electron-vite build` first');
  }
  const { preview } = await import('vite');
  const { chromium } = await import('playwright-core');
  const server = await preview({
    configFile: false,
    root: repo,
    logLevel: 'warn',
    build: { outDir: 'out/renderer' },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  onCleanup(() => server.close());
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  onCleanup(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  const makeTokensSource = makeTokens.toString();

  async function load(count, delayMs) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(pageInit, { count, delayMs, makeTokensSource });
    await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
    await page.waitForFunction(() => window.__bench?.painted !== undefined, null, {
      timeout: 30_000,
    });
    const marks = await page.evaluate(() => ({ ...window.__bench }));
    if (errors.length) throw new Error(`renderer error: ${errors[0]}`);
    if (!marks.visible) throw new Error('the first token row was not in view');
    return { page, marks };
  }

  log('  renderer: first paint of 10,000 vs 20 tokens (fresh page each)');
  const DELAY = 400;
  const kinds = { big: [10_000, DELAY], small: [20, DELAY], bigAtOnce: [10_000, 0] };
  const runs = { big: [], small: [], bigAtOnce: [] };
  const names = Object.keys(kinds);
  for (let i = 0; i < reps.paint + 1; i++) {
    for (let k = 0; k < names.length; k++) {
      const key = names[(i + k) % names.length];
      const { page, marks } = await load(...kinds[key]);
      await page.close();
      if (i >= 1) runs[key].push(marks);
    }
  }
  const dataToPaint = (ms) => ms.map((m) => m.painted - m.dataReady);
  const navToPaint = (ms) => ms.map((m) => m.painted);

  log('  renderer: scrolling 10,000 tokens with the mouse wheel');
  const { page } = await load(10_000, 0);
  const box = await page.locator('.token-list').boundingBox();
  if (!box) throw new Error('no .token-list on the page');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(startFrames);
  await page.waitForTimeout(1000);
  const idle = await page.evaluate(() => {
    const d = window.__frames.deltas.splice(0);
    return d;
  });
  const WHEELS = 120;
  for (let i = 0; i < WHEELS; i++) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(300);
  const scroll = await page.evaluate(() => {
    window.__frames.on = false;
    const list = document.querySelector('.token-list');
    const indexes = [...document.querySelectorAll('[data-index]')].map((e) =>
      Number(e.dataset.index),
    );
    return {
      deltas: window.__frames.deltas,
      longTasks: window.__frames.longTasks,
      scrollTop: list.scrollTop,
      maxIndexInDom: Math.max(...indexes),
      rowsInDom: indexes.length,
    };
  });
  await page.close();
  await context.close();
  await browser.close();
  await server.close();
  if (scroll.scrollTop < 10_000 || scroll.maxIndexInDom < 150) {
    throw new Error(`the list did not scroll (scrollTop ${scroll.scrollTop})`);
  }

  const m = (xs) => summary(xs).median;
  const big = runs.big;
  const atOnce = runs.bigAtOnce;
  const p95Scroll = quantile(scroll.deltas, 0.95);
  const p95Idle = quantile(idle, 0.95);
  return {
    seconds: (now() - t0) / 1000,
    series: {
      '10k tokens: data ready → first row painted (app mounted)': summary(dataToPaint(big)),
      '20 tokens: data ready → first row painted (app mounted)': summary(dataToPaint(runs.small)),
      '10k tokens at once: data ready → first row painted (incl. mount)': summary(
        dataToPaint(atOnce),
      ),
      '10k tokens at once: navigation → first row painted': summary(navToPaint(atOnce)),
      'stub generation of 10k tokens (in navigation time)': summary(atOnce.map((x) => x.stubGenMs)),
      'idle frame time': summary(idle),
      'scroll frame time': summary(scroll.deltas),
    },
    checks: {
      rowsInDomAfterFirstPaint: big[0]?.rowsInDom,
      scroll: {
        frames: scroll.deltas.length,
        scrolledPx: scroll.scrollTop,
        maxIndexInDom: scroll.maxIndexInDom,
        rowsInDom: scroll.rowsInDom,
        longTasks: scroll.longTasks.length,
        longestTask: round(Math.max(0, ...scroll.longTasks)),
        p95: round(p95Scroll),
        p99: round(quantile(scroll.deltas, 0.99)),
        max: round(Math.max(...scroll.deltas)),
        over33ms: scroll.deltas.filter((d) => d > 33.4).length,
        idleP95: round(p95Idle),
      },
    },
    rows: [
      {
        id: '3d',
        what: 'renderer 10k tokens: data arrives → first row painted (ms)',
        value: m(dataToPaint(big)),
        unit: 'ms',
        target: { max: 100 },
        detail: `app already mounted; ${big[0]?.rowsInDom} rows in the DOM. Data at start-up: data → paint ${m(dataToPaint(atOnce))} ms incl. the app's first mount; navigation → paint ${m(navToPaint(atOnce))} ms incl. ${m(atOnce.map((x) => x.stubGenMs))} ms stub data generation`,
      },
      {
        id: '3e',
        what: 'renderer first paint 10k tokens / 20 tokens (data → paint)',
        a: m(dataToPaint(big)),
        b: m(dataToPaint(runs.small)),
      },
      {
        id: '3f',
        what: 'scroll 10k tokens: p95 frame time (ms)',
        value: round(p95Scroll),
        unit: 'ms',
        target: { max: 33.4 },
        detail: `${scroll.deltas.length} frames, ${Math.round(scroll.scrollTop)} px by ${WHEELS} wheel steps; idle p95 ${round(p95Idle)} ms; ${scroll.deltas.filter((d) => d > 33.4).length} frames > 33 ms; ${scroll.longTasks.length} long tasks`,
      },
      {
        id: '3g',
        what: 'scroll p95 frame time / idle p95 frame time',
        a: round(p95Scroll),
        b: round(p95Idle),
      },
    ],
  };
}
