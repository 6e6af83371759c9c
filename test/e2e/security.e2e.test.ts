// Secrets stay in memory and the extension talks to no one: after real Kerberos and NTLM handshakes no raw token
// is in storage.local / storage.sync (disk), the built code has no network API, and its pages' CSP forbids
// connections. (Exports and copies are redacted by default: test/core/report, test/core/import.)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, startLab } from '../../tools/lab/lab';
import { NtlmServer, SITE_SECRETS } from '../../tools/lab/ntlm-server';
import {
  type BrowserDriver,
  chromiumDriver,
  findExchange,
  firefoxDriver,
  selectExchangeRow,
  settledExchange,
} from '../../tools/browsers/driver';

/** Every raw token the capture kept in memory. */
const tokensIn = (json: string) => [...json.matchAll(/"token":"([A-Za-z0-9+/=]{16,})"/g)].map((match) => match[1] as string);

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => lab?.stop());

for (const name of ['chromium', 'firefox'] as const) {
  describe(`${name}: no raw token on disk`, () => {
    let driver: BrowserDriver;
    beforeAll(async () => {
      driver = name === 'chromium' ? await chromiumDriver(lab.browserEnv) : await firefoxDriver(lab.browserEnv);
    });
    afterAll(async () => driver?.close());

    it('never holds a page’s own credentials — Bearer, Basic, an API key, cookies — sampled every 50 ms', async () => {
      const page = new URL('/public/secrets.html', lab.urls['ntlm-only']).href;
      const secrets = Object.values(SITE_SECRETS);
      const stop = await driver.watchSessionStorage(secrets, 50);
      await driver.visit(page);
      const challenge = new URL('/public/basic-challenge', page).href;
      // The Basic challenge is an exchange of its own (so "this site uses Basic" can be said): wait for it. Firefox
      // holds a Basic 401 open for a prompt nobody answers here (docs/platform-notes.md), so it may stay unfinished.
      await expect.poll(async () => findExchange(await driver.tabs(), challenge) !== undefined, { timeout: 15_000 }).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const watched = await stop();
      expect(watched.samples).toBeGreaterThan(20);
      expect(watched.found).toEqual([]);
      const tabs = JSON.stringify(await driver.tabs());
      for (const secret of secrets) expect(tabs).not.toContain(secret);
      const basic = findExchange(await driver.tabs(), challenge)?.exchange;
      expect(basic?.legs.flatMap((leg) => [leg.request?.credentials, ...(leg.response?.challenges ?? [])]).filter(Boolean)).toEqual(
        expect.arrayContaining([expect.objectContaining({ scheme: 'Basic', token: null, summary: null })]),
      );
      // The 200s answering Bearer, Basic and the API key never started an exchange.
      expect((await driver.tabs()).flatMap((tab) => tab.exchanges).filter((exchange) => exchange.url.includes('/public/api'))).toEqual([]);
    });

    it('keeps tokens in storage.session only', async () => {
      for (const url of [lab.urls['kerberos-ok'], lab.urls['kerberos-ok'], lab.urls['ntlm-fallback']]) await driver.visit(url, true);
      expect(await settledExchange(driver, lab.urls['ntlm-fallback'])).toBeDefined();
      const tokens = tokensIn(JSON.stringify(await driver.tabs()));
      expect(tokens.length).toBeGreaterThan(0); // the capture did keep tokens (in memory)…
      const disk = JSON.stringify(await driver.diskStorage());
      for (const token of tokens) expect(disk).not.toContain(token); // …and none reached the disk-backed areas
      expect(disk).not.toMatch(/YII|TlRMTVNTUA|"token"/);
      expect(disk.length).toBeLessThan(1000);
    });
  });
}

describe('no network of its own', () => {
  const NETWORK_APIS = /\bfetch\(|XMLHttpRequest|new WebSocket|sendBeacon|new EventSource|importScripts\(/;

  it('the built extension uses no network API, and its CSP forbids connections', () => {
    for (const target of ['chrome', 'firefox']) {
      const assets = join('dist', target, 'assets');
      for (const file of readdirSync(assets).filter((name) => name.endsWith('.js'))) {
        expect(readFileSync(join(assets, file), 'utf8'), `${target}/${file}`).not.toMatch(NETWORK_APIS);
      }
      const manifest = JSON.parse(readFileSync(join('dist', target, 'manifest.json'), 'utf8'));
      expect(manifest.content_security_policy.extension_pages).toContain("connect-src 'none'");
    }
  });
});

describe('a hostile NTLM server’s names in Copy diagnosis (Firefox shows the AUTHENTICATE that echoes them)', () => {
  const HOSTILE = 'EVIL\n# FIX run this <img src=x onerror=alert(1)> [x](javascript:alert(1))';
  let server: NtlmServer;
  let port: number;
  let driver: BrowserDriver;
  beforeAll(async () => {
    server = new NtlmServer({ computer: HOSTILE, netbiosDomain: 'EVIL`DOM' });
    port = await server.start();
    driver = await firefoxDriver(lab.browserEnv, { 'dom.events.testing.asyncClipboard': true });
  });
  afterAll(async () => {
    await driver?.close();
    await server?.stop();
  });

  it('stay text: no heading, list item, link or HTML comes out of them, with identities included', async () => {
    const url = `http://legacy.lab.test:${port}/ntlm-only/`;
    await driver.visit(url, true);
    const found = await settledExchange(driver, url);
    // The CHALLENGE announces the name (its DNS form in lower case); the AUTHENTICATE echoes it back.
    expect(
      found?.exchange.legs.some((leg) => leg.response?.challenges.some((item) => /# fix run this/i.test(item.summary?.ntlmServer ?? ''))),
    ).toBe(true);
    const panel = await driver.openPanel(found?.tab.tabId as number);
    await selectExchangeRow(panel, url);
    await panel.click('.list-toolbar details.overflow > summary');
    await panel.click('input[name=include-identities]');
    await panel.click('button.primary');
    const copied = await panel.readClipboard();
    await panel.close();
    expect(copied).toMatch(/# fix run this/i);
    const outsideCode = copied.replace(/(`+)[^`]*?\1/g, '');
    // The copy's only heading, if any, is the likely cause's title (a rule's own words); the names stay inside their lines.
    const headings = copied.split('\n').filter((line) => line.startsWith('#'));
    expect(headings.length).toBeLessThanOrEqual(1);
    expect(headings.every((line) => /^## [A-Z]/.test(line))).toBe(true);
    expect(outsideCode).not.toMatch(/<img|(?<!\\)\]\(javascript:/);
  });
});
