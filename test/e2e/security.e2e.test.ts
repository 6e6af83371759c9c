// Secrets stay in memory and the extension talks to no one: after real Kerberos and NTLM handshakes no raw token
// is in storage.local / storage.sync (disk), the built code has no network API, and its pages' CSP forbids
// connections. (Exports and copies are redacted by default: test/core/report, test/core/import.)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, startLab } from '../../lab/lab';
import { type BrowserDriver, chromiumDriver, firefoxDriver, settledExchange } from './harness/driver';

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
