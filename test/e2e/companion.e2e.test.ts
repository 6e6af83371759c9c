// "Ask this computer" in real Chromium and Firefox with the companion installed the way a user installs it
// (`authscope companion install`, into the profile Chromium reads and the home Firefox reads): the panel asks for the
// optional nativeMessaging permission (Firefox; Chromium starts from the state a user's "Allow" leaves), the browser
// starts the companion, and its findings name the same cause the NetLog route names, for the unregistered SPN, no
// ticket, a host not allowlisted and the stale keytab.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserDriver,
  type PanelPage,
  chromiumDriver,
  firefoxDriver,
  selectExchangeRow,
  settledExchange,
} from '../../tools/browsers/driver';
import { grantedPermissionsChromeBuild } from '../../tools/browsers/launch';
import { type Lab, type ScenarioId, startLab } from '../../tools/lab/lab';

/** The cause the NetLog route names for each scenario (its specific finding), and the ids the companion must show. */
const EXPECTED: readonly { scenario: ScenarioId; ticket: boolean; cause: string; shows: readonly string[] }[] = [
  { scenario: 'spn-unknown', ticket: true, cause: 'spn-unknown', shows: ['spn-unknown'] },
  { scenario: 'kerberos-ok', ticket: false, cause: 'no-kerberos-credentials', shows: ['no-kerberos-credentials'] },
  { scenario: 'not-allowlisted', ticket: true, cause: 'not-allowlisted', shows: ['not-allowlisted'] },
  { scenario: 'stale-keytab', ticket: true, cause: 'kerberos-error', shows: ['kerberos-rejected', 'kerberos-error'] },
];

let lab: Lab;
const homes: string[] = [];
beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => {
  await lab?.stop();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

/** `authscope companion install` exactly as a user runs it, into `dir`. */
function installCompanion(browser: 'chromium' | 'firefox', dir: string): void {
  const out = execFileSync(
    process.execPath,
    ['dist/cli/authscope.mjs', 'companion', 'install', '--browser', browser, '--manifest-dir', dir],
    {
      encoding: 'utf8',
    },
  );
  expect(out).toContain('Installed the AuthScope companion');
}

/** Clicks "Ask this computer" and waits for the companion's answer: its finding ids, or its error line. */
async function askThisComputer(panel: PanelPage): Promise<{ ids: string[]; said: string }> {
  await panel.click('.computer-check button');
  return panel.evaluate(async () => {
    for (let wait = 0; wait < 300; wait++) {
      const section = document.querySelector<HTMLElement>('.computer-check');
      const probe = section?.dataset['probe'] ?? 'none';
      const said = section?.querySelector('[role=status]')?.textContent ?? '';
      if (probe !== 'asking' && (probe !== 'none' || said)) return { ids: probe === 'none' ? [] : probe.split(','), said };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { ids: [], said: 'no answer within 30 s' };
  }, undefined);
}

for (const name of ['chromium', 'firefox'] as const) {
  describe(`${name}: Ask this computer`, () => {
    const drivers = new Map<boolean, BrowserDriver>();
    async function driver(ticket: boolean): Promise<BrowserDriver> {
      const existing = drivers.get(ticket);
      if (existing) return existing;
      const env = ticket ? lab.browserEnv : lab.browserEnvWithoutTicket;
      let started: BrowserDriver;
      if (name === 'chromium') {
        // Chromium reads a profile's own NativeMessagingHosts before the user's.
        const build = grantedPermissionsChromeBuild(['nativeMessaging']);
        homes.push(build);
        started = await chromiumDriver(env, [], build, (profile) => installCompanion('chromium', join(profile, 'NativeMessagingHosts')));
        await started.warmUp(lab.urls['kerberos-ok']);
      } else {
        const home = mkdtempSync(join(tmpdir(), 'authscope-home-'));
        homes.push(home);
        installCompanion('firefox', join(home, '.mozilla', 'native-messaging-hosts'));
        // Optional permissions are granted without a dialog here, as a user clicking "Allow" would.
        started = await firefoxDriver({ ...env, HOME: home }, { 'extensions.webextOptionalPermissionPrompts': false });
      }
      drivers.set(ticket, started);
      return started;
    }
    afterAll(async () => {
      for (const started of drivers.values()) await started.close();
    });

    for (const expected of EXPECTED) {
      it(`${expected.ticket ? expected.scenario : 'no ticket'}: the companion names ${expected.cause}`, async () => {
        const browser = await driver(expected.ticket);
        const url = lab.urls[expected.scenario];
        await browser.visit(url);
        const found = await settledExchange(browser, url);
        expect(found, `no exchange for ${url}`).toBeDefined();
        const panel = await browser.openPanel(found?.tab.tabId as number);
        try {
          expect(await selectExchangeRow(panel, url)).toBe(true);
          const answer = await askThisComputer(panel);
          expect(answer.said).toBe('');
          expect(answer.ids[0], answer.ids.join(',')).toBe(expected.cause);
          expect(answer.ids).toEqual(expect.arrayContaining([...expected.shows]));
          // The first finding's evidence is this computer's, in the tool's own words.
          const evidence = await panel.evaluate(
            () => document.querySelector('.computer-check [data-finding] .evidence')?.textContent ?? '',
            undefined,
          );
          expect(evidence.length).toBeGreaterThan(0);
          const page = await panel.evaluate(() => document.querySelector('.computer-check')?.textContent ?? '', undefined);
          expect(page).not.toMatch(/YII[A-Za-z0-9+/]{20}|TlRMTVNTUA/);
        } finally {
          await panel.close();
        }
      });
    }
  });
}

describe('chromium: without the companion', () => {
  it('says it is not installed and gives the one line that installs it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'authscope-home-'));
    const build = grantedPermissionsChromeBuild(['nativeMessaging']);
    homes.push(home, build);
    const browser = await chromiumDriver({ ...lab.browserEnv, HOME: home }, [], build);
    try {
      const url = lab.urls['spn-unknown'];
      await browser.visit(url);
      const found = await settledExchange(browser, url);
      const panel = await browser.openPanel(found?.tab.tabId as number);
      expect(await selectExchangeRow(panel, url)).toBe(true);
      const answer = await askThisComputer(panel);
      const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
      expect(answer.ids).toEqual([]);
      expect(answer.said).toBe(
        `The AuthScope companion is not installed on this computer. Install it once: npm install -g authscope-cli-${version}.tgz && authscope companion install`,
      );
      await panel.close();
    } finally {
      await browser.close();
    }
  });
});

describe('the companion host', () => {
  it('answers only AuthScope, only a URL, and never a token', () => {
    const launcherDir = mkdtempSync(join(tmpdir(), 'authscope-host-'));
    homes.push(launcherDir);
    installCompanion('chromium', launcherDir);
    const manifest = JSON.parse(readFileSync(join(launcherDir, 'dev.authscope.companion.json'), 'utf8')) as {
      path: string;
      allowed_origins: string[];
    };
    expect(manifest.allowed_origins).toHaveLength(1);
    const message = (value: unknown) => {
      const body = Buffer.from(JSON.stringify(value));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(body.length);
      return Buffer.concat([length, body]);
    };
    const host = (origin: string, input: Buffer) => {
      try {
        const out = execFileSync(manifest.path, [origin], { input, env: { ...process.env, ...lab.browserEnv } });
        return out.length >= 4 ? (JSON.parse(out.subarray(4).toString('utf8')) as Record<string, unknown>) : null;
      } catch {
        return 'refused';
      }
    };
    expect(host('chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/', message({ url: lab.urls['kerberos-ok'] }))).toBe('refused');
    const origin = manifest.allowed_origins[0] as string;
    expect(host(origin, message({ url: lab.urls['kerberos-ok'], command: 'rm -rf /' }))).toMatchObject({
      error: expect.stringContaining('nothing else'),
    });
    expect(host(origin, message({ url: 'file:///etc/shadow' }))).toMatchObject({ error: 'only http and https URLs can be probed' });
    const answer = host(origin, message({ url: lab.urls['kerberos-ok'] }));
    expect(answer).toMatchObject({ spn: 'HTTP/intranet.lab.test' });
    expect(JSON.stringify(answer)).not.toMatch(/YII[A-Za-z0-9+/]{20}/);
  });
});
