// `npm start`: builds AuthScope, starts the demo intranet on 127.0.0.1 — the full lab (MIT KDC, Apache +
// mod_auth_gssapi, the IIS-like NTLM server) when this machine can run it, else the NTLM server alone — and opens
// Chromium (or Firefox with `--browser firefox`) with the extension on a demo index page linking every scenario.
// Without a display it visits every scenario headless, saves a screenshot of the panel and prints the URLs.
// Ctrl-C stops everything. `--once`: stop after the headless tour (used by the tests).
// On a fresh machine it installs the Debian packages as root (the same installer as `npm test`); otherwise it says
// what is missing with the exact command and starts what it can. It never ends in a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { type Lab, type ScenarioId, startLab } from '../tools/lab/lab';
import { NTLM_SERVER_PATHS, NtlmServer } from '../tools/lab/ntlm-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FIREFOX_PATH, chromiumEnvTrustingLabCa } from '../tools/browsers/launch';
import { type BrowserDriver, chromiumDriver, firefoxDriver, selectExchangeRow, settledExchange } from '../tools/browsers/driver';
import { ensureDebianPackages } from '../tools/setup/debian-packages.mjs';

const args = process.argv.slice(2);
const useFirefox = args.includes('--browser') && args[args.indexOf('--browser') + 1] === 'firefox';
const once = args.includes('--once');
const headless = once || !process.env['DISPLAY'];

const DESCRIPTIONS: Record<ScenarioId, string> = {
  'kerberos-ok': 'Kerberos accepted (one 401, a YII… ticket, the mutual-authentication answer)',
  'spn-unknown': 'No SPN registered for the host: no ticket, no token',
  'no-ticket': 'The same site, for a user without a Kerberos ticket',
  'not-allowlisted': 'A host not trusted for default credentials',
  'stale-keytab': 'The service was re-keyed after its keytab was written (KRB_AP_ERR_BADKEYVER)',
  'token-too-large': 'A token larger than the server accepts (400)',
  'ntlm-only': 'An IIS-like server offering only NTLM',
  'ntlm-fallback': 'Negotiate offered, Kerberos refused, NTLM used',
  'preauth-first-request': 'A page script pre-authenticating its first request (KB2749007: 401.1)',
  'auth-loop': 'A server that keeps answering 401 (loop)',
  'ntlm-https': 'The NTLM-only server over HTTPS (channel binding, Extended Protection)',
  'negotiate-h2': 'Kerberos over HTTPS with HTTP/2 offered (Negotiate needs HTTP/1.1)',
};

const stops: (() => Promise<unknown>)[] = [];
async function stopAll(): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed (its output is above)');
  const packages = ensureDebianPackages();
  if (packages.missing.length > 0) {
    console.log(
      `\nMissing Debian packages: ${packages.missing.join(', ')}. To get the whole demo (Kerberos, a browser), run:\n  ${packages.command}\nStarting what this machine can run.`,
    );
  }
  await demo();
}

async function demo(): Promise<void> {
  let urls: Partial<Record<ScenarioId, string>>;
  let env: Record<string, string> = {};
  let allowlist = '*.lab.test';
  let lab: Lab | null = null;
  try {
    lab = await startLab();
    stops.push(() => (lab as Lab).stop());
    urls = lab.urls;
    env = { ...lab.browserEnv };
  } catch (error) {
    console.log(`\nThe full lab (Kerberos) cannot run here: ${error instanceof Error ? error.message : String(error)}`);
    console.log('Starting the NTLM scenarios only (run as root with the Debian packages for Kerberos: see README).\n');
    const ntlm = new NtlmServer();
    const kernel = new NtlmServer();
    const [port, kernelPort] = [await ntlm.start(), await kernel.start()];
    stops.push(
      () => ntlm.stop(),
      () => kernel.stop(),
    );
    const at = (serverPort: number, path: string) => `http://127.0.0.1:${serverPort}${path}`;
    urls = {
      'ntlm-only': at(port, NTLM_SERVER_PATHS.ntlmOnly),
      'ntlm-fallback': at(port, NTLM_SERVER_PATHS.iis),
      'preauth-first-request': at(kernelPort, `${NTLM_SERVER_PATHS.public}preauth.html`),
      'auth-loop': at(port, NTLM_SERVER_PATHS.loop),
    };
    allowlist = '127.0.0.1';
  }

  const scenarios = (Object.entries(urls) as [ScenarioId, string][]).filter(([id]) => id !== 'no-ticket');
  const index = `<!doctype html><meta charset="utf-8"><title>AuthScope demo intranet</title>
  <style>body{font:14px system-ui;margin:2em;max-width:50em}li{margin:.4em 0}</style>
  <h1>AuthScope demo intranet</h1>
  <p>Open DevTools (F12) → <b>AuthScope</b>, then follow a link. The toolbar badge counts the problems of each tab.</p>
  <ul>${scenarios.map(([id, url]) => `<li><a href="${url}">${id}</a> — ${DESCRIPTIONS[id]}</li>`).join('')}</ul>`;
  const indexServer = createServer((_, response) => response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(index));
  await new Promise<void>((done) => indexServer.listen(0, '127.0.0.1', done));
  stops.push(() => new Promise((done) => indexServer.close(done)));
  const indexUrl = `http://127.0.0.1:${(indexServer.address() as AddressInfo).port}/`;

  console.log(`\nDemo intranet: ${indexUrl}`);
  for (const [id, url] of scenarios) console.log(`  ${id.padEnd(22)} ${url}`);

  process.on('SIGINT', () => {
    console.log('\nStopping…');
    void stopAll().then(() => process.exit(0));
  });

  const browserPath = useFirefox ? FIREFOX_PATH : CHROMIUM_PATH;
  if (!existsSync(browserPath)) {
    console.log(
      `\nNo browser at ${browserPath}: open ${indexUrl} in Chrome, Edge or Firefox with AuthScope loaded from ` +
        `${resolve(useFirefox ? 'dist/firefox' : 'dist/chrome')} (chrome://extensions → Developer mode → Load unpacked; ` +
        'about:debugging → Load Temporary Add-on in Firefox).',
    );
    if (once) await stopAll();
    else console.log('The demo intranet keeps running; Ctrl-C stops it.');
    return;
  }

  if (headless) {
    // No display: visit every scenario in a headless browser with the extension and save the panel's view.
    const driver: BrowserDriver = useFirefox
      ? await firefoxDriver(env)
      : await chromiumDriver(env, [`--auth-server-allowlist=${allowlist}`]);
    stops.push(() => driver.close());
    if (urls['kerberos-ok']) await driver.warmUp(urls['kerberos-ok']);
    for (const [, url] of scenarios) await driver.visit(url, true);
    const target = urls['ntlm-fallback'] as string;
    const found = await settledExchange(driver, target);
    const screenshot = resolve('demo-panel.png');
    if (found) {
      const panel = await driver.openPanel(found.tab.tabId);
      await selectExchangeRow(panel, target);
      await panel.screenshot(screenshot);
    }
    for (const tab of await driver.tabs()) {
      if (tab.badgeText) console.log(`  badge ${tab.badgeText.padStart(3)} on ${tab.exchanges[0]?.url}: ${tab.badgeTitle}`);
    }
    console.log(`\nNo display: visited every scenario headless; the panel on ntlm-fallback is in ${screenshot}`);
    if (once) {
      await stopAll();
      process.exit(0);
    }
    console.log('The demo intranet keeps running; Ctrl-C stops it.');
  } else if (useFirefox) {
    const driver = await firefoxDriver(env);
    stops.push(() => driver.close());
    await driver.visit(indexUrl);
    console.log('\nFirefox is open on the demo index. Ctrl-C stops everything.');
  } else {
    const profile = resolve('.demo-profile');
    // The HTTPS scenarios' lab CA, trusted through an NSS database in a temporary HOME (tools/browsers/launch.ts).
    const trusting = await chromiumEnvTrustingLabCa({ ...process.env, ...env });
    stops.push(async () => trusting.cleanUp());
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: false,
      env: trusting.env,
      args: [
        ...CHROMIUM_ARGS,
        `--auth-server-allowlist=${allowlist}`,
        `--disable-extensions-except=${resolve('dist/chrome')}`,
        `--load-extension=${resolve('dist/chrome')}`,
        '--auto-open-devtools-for-tabs',
      ],
    });
    stops.push(() => context.close());
    if (urls['kerberos-ok']) {
      // Warm Chromium's Negotiate up in a tab that is then closed (docs/platform-notes.md: the first challenge fails).
      const warmUp = await context.newPage();
      await warmUp.goto(urls['kerberos-ok']).catch(() => undefined);
      await warmUp.close();
    }
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(indexUrl);
    console.log('\nChromium is open on the demo index with DevTools (choose the AuthScope panel). Ctrl-C stops everything.');
  }
}

main().catch(async (error: unknown) => {
  console.error(`\nnpm start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  await stopAll();
  process.exit(1);
});
