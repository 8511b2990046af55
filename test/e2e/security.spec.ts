import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { APP_SCHEME, APP_HOST, serveAppRequest } from '../../src/main/app-protocol';
import { expect, test } from './fixtures';

/**
 * The built renderer's CSP, enforced by real Chromium: what a compromised dependency would try
 * (eval, injected inline script and handlers, a connection to another origin, a remote image) is
 * blocked. The app runs as in the other e2e tests (vite preview, the <meta> CSP); the header CSP is
 * checked by serving out/renderer through main's own app:// handler behind a small http server.
 */
test('the CSP blocks eval, inline script, foreign connections and remote images', async ({
  app,
  bridge,
}) => {
  await expect(app.getByRole('heading').first()).toBeVisible();
  const result = await app.evaluate(async (bridgeUrl) => {
    const violations: string[] = [];
    let evalRefused: () => void = () => undefined;
    const evalReported = new Promise<void>((resolve) => (evalRefused = resolve));
    document.addEventListener('securitypolicyviolation', (e) => {
      violations.push(e.violatedDirective);
      if (e.violatedDirective === 'script-src' && e.blockedURI === 'eval') evalRefused();
    });
    const w = window as unknown as Record<string, unknown>;
    // A string timer compiles its code later, outside Playwright's evaluate (which DevTools
    // exempts from the eval check), so it is what page code itself would meet.
    setTimeout('window.__timer = true' as unknown as () => void, 0);
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true';
    document.body.append(script);
    const holder = document.createElement('div');
    holder.innerHTML = '<img src="data:," onerror="window.__handler = true">';
    document.body.append(holder);
    const foreign = await fetch(`${bridgeUrl}/rpc/vault:list`, { method: 'POST', body: '{}' }).then(
      () => 'reached',
      () => 'blocked',
    );
    const img = new Image();
    const imgLoaded = await new Promise<boolean>((resolve) => {
      img.onload = () => resolve(true);
      img.onerror = () => resolve(false);
      img.src = `${bridgeUrl}/pixel.png`;
    });
    // The refusal is reported as an event; the test waits for it rather than for time to pass.
    await evalReported;
    return {
      evalRan: w.__timer === true,
      inline: w.__inline === true,
      handler: w.__handler === true,
      foreign,
      imgLoaded,
      violations,
    };
  }, bridge.url);
  expect(result).toMatchObject({
    evalRan: false,
    inline: false,
    handler: false,
    foreign: 'blocked',
    imgLoaded: false,
  });
  expect(result.violations).toEqual(
    expect.arrayContaining([
      'script-src',
      'script-src-elem',
      'script-src-attr',
      'connect-src',
      'img-src',
    ]),
  );
});

test('the header CSP from main’s app:// handler forbids framing Keyport', async ({ page }) => {
  const rendererDir = path.resolve('out/renderer');
  // http://127.0.0.1:PORT/x is answered with what main answers for app://keyport/x.
  const app: Server = createServer((req, res) => {
    void serveAppRequest(rendererDir, {
      method: req.method ?? 'GET',
      url: `${APP_SCHEME}://${APP_HOST}${req.url ?? '/'}`,
    }).then(async (answer) => {
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  const framer: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<iframe id="k" src="${appUrl()}/index.html"></iframe>`);
  });
  const listen = (s: Server) =>
    new Promise<number>((resolve) =>
      s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)),
    );
  const appPort = await listen(app);
  const appUrl = () => `http://127.0.0.1:${appPort}`;
  const framerPort = await listen(framer);
  try {
    const direct = await page.request.get(`${appUrl()}/index.html`);
    expect(direct.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.goto(`http://127.0.0.1:${framerPort}/`);
    const frame = page.frameLocator('#k');
    // Chromium replaces a refused frame with its error page: Keyport's page never renders there.
    await expect(frame.locator('#root')).toHaveCount(0);
    const child = page.frames().find((f) => f !== page.mainFrame());
    expect(child?.url() ?? '').not.toContain('/index.html#');
  } finally {
    app.close();
    framer.close();
  }
});
