// The built extension loads in real Chromium and Firefox: the panel page renders with Preact, reaches the
// background over the typed protocol, and decodes a pasted header with the core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChromiumWithExtension,
  type FirefoxWithExtension,
  launchChromiumWithExtension,
  launchFirefoxWithExtension,
  openFirefoxExtensionPage,
} from '../../tools/browsers/launch';
import { labTokens } from '../helpers/fixtures';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { importHar } from '../../src/core/import/har/read-har';

const version = (await import('../../package.json', { with: { type: 'json' } })).default.version;
const staleKeytab = labTokens.find((fixture) => fixture.name === 'apache-reject-krb-error-badkeyver');

describe('built extension in Chromium', () => {
  let chromium: ChromiumWithExtension;
  beforeAll(async () => {
    chromium = await launchChromiumWithExtension();
  });
  afterAll(async () => chromium?.close());

  it('opens the panel page, reaches the background, and decodes a pasted WWW-Authenticate header', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`chrome-extension://${chromium.extensionId}/src/panel/panel.html?view=decoder`);
    await expect.poll(() => page.locator('.toolbar .muted').textContent()).toBe(`v${version}`);
    await page.locator('#token-input').fill(`WWW-Authenticate: ${staleKeytab?.value}`);
    const tree = page.getByRole('tree', { name: 'Decoded token' });
    await expect.poll(() => tree.textContent()).toContain('error-code44 KRB_AP_ERR_BADKEYVER');
    expect(await tree.textContent()).toContain('negStatereject');
    const verdict = page.locator('.token-verdict');
    expect(await verdict.getAttribute('data-token-verdict')).toBe('error');
    expect(await verdict.textContent()).toBe(
      'The server’s answer: the server refused the credentials (SPNEGO negState reject); it carries the Kerberos error KRB_AP_ERR_BADKEYVER (the server answered: it refused the service ticket).',
    );
    // The tree answers the keyboard: Tab reaches it, the arrows walk it.
    await page.locator('[role=treeitem][tabindex="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['path'])).toBe('0.0');
  });

  it('reads a single IIS log line without #Fields with the default field set, and says so', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`chrome-extension://${chromium.extensionId}/src/panel/panel.html?view=iis`);
    await page.locator('#iis-log-input').fill('2026-11-22 06:00:00 10.0.0.1 GET /app - 80 - 10.0.0.9 Mozilla/5.0 - 401 1 2148074254 15');
    await expect
      .poll(() => page.getByRole('note').textContent())
      .toMatch(/^No #Fields: line: read with IIS’s default fields \(date time s-ip/);
    expect(await page.locator('[data-finding]').getAttribute('data-finding')).toBe('preauth-first-request');
    expect(await page.locator('.finding .fixes li').count()).toBeGreaterThan(0);
  });

  it('explains pasted IIS log lines: the KB2749007 401.1 and a healthy NTLM handshake', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`chrome-extension://${chromium.extensionId}/src/panel/panel.html?view=iis`);
    await page
      .locator('#iis-log-input')
      .fill(
        [
          '#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-substatus sc-win32-status',
          '2012-08-22 17:41:09 10.0.0.22 GET /App1/default.aspx 401 1 2148074254',
          '2012-08-22 17:41:10 10.0.0.21 GET /legacy/ 401 2 5',
          '2012-08-22 17:41:10 10.0.0.21 GET /legacy/ 401 1 2148074254',
          '2012-08-22 17:41:10 10.0.0.21 GET /legacy/ 200 0 0',
        ].join('\n'),
      );
    await expect
      .poll(() => page.locator('[data-finding]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-finding'))))
      .toEqual(['preauth-first-request', 'ntlm-used']);
    expect(await page.getByRole('table', { name: 'Log lines explained' }).textContent()).toContain('401.1 2148074254');
  });

  it('imports a Default-mode NetLog file (progress, every leg, auth-library findings) and exports the session as redacted HAR', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`chrome-extension://${chromium.extensionId}/src/panel/panel.html?view=import`);
    const netlog = gunzipSync(readFileSync('test/fixtures/netlog/chromium-lab-default.json.gz'));
    await page.locator('input[type=file]').setInputFiles({ name: 'net-export.json', mimeType: 'application/json', buffer: netlog });
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/net-export\.json: netlog from Chromium 156[^,]*, \d+ authentication exchanges/);
    const row = page.locator('[role=row][data-exchange]').filter({ hasText: 'web.corp.example' }).first();
    await row.click();
    await expect
      .poll(() => page.locator('.detail [data-finding]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-finding'))))
      .toEqual(['not-allowlisted', 'no-token-sent']);
    expect(await page.locator('.detail').textContent()).toContain('AUTH_HANDLER_CREATE_RESULT');
    // Default mode strips the tokens, yet the mechanism is known: read from the NetLog's handler, or inferred.
    const mechanismOf = async (text: string) => {
      await page.locator('[role=row][data-exchange]').filter({ hasText: text }).last().click();
      return page
        .locator('.detail [data-mechanism-evidence]')
        .evaluate((node) => [node.getAttribute('data-mechanism-evidence'), node.textContent]);
    };
    expect(await mechanismOf('/iis/')).toEqual(['netlog', expect.stringMatching(/^NTLM — read from the browser's NetLog/)]);
    expect(await mechanismOf('bloat.lab.test')).toEqual(['inferred', expect.stringMatching(/^Kerberos — inferred: /)]);
    const download = page.waitForEvent('download');
    await page.locator('.list-toolbar details.overflow > summary').click();
    await page.getByRole('button', { name: 'Export HAR' }).click();
    const har = JSON.parse(readFileSync((await (await download).path()) as string, 'utf8'));
    expect(har.log.creator).toEqual({ name: 'AuthScope', version });
    expect(JSON.stringify(har)).not.toMatch(/YII[A-Za-z0-9+/]{20}|TlRMTVNTUAAD/);
    const back = importHar(har);
    expect(back.ok && back.value.exchanges.length).toBeGreaterThan(5);
  });

  it('inventory: the lab NetLog’s origins, sortable, saved as the same CSV as authscope analyze --inventory --csv', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authscope-inventory-'));
    try {
      const file = join(dir, 'chromium-lab-default.json');
      writeFileSync(file, gunzipSync(readFileSync('test/fixtures/netlog/chromium-lab-default.json.gz')));
      const cli = spawnSync(process.execPath, ['dist/cli/authscope.mjs', 'analyze', '--inventory', '--csv', file], { encoding: 'utf8' });
      expect(cli.status, cli.stderr).toBe(0);
      const page = await chromium.context.newPage();
      await page.goto(`chrome-extension://${chromium.extensionId}/src/panel/panel.html?view=inventory`);
      await page.getByRole('checkbox').uncheck();
      await page.locator('input[type=file]').setInputFiles(file);
      const table = page.getByRole('table', { name: 'Sites and how they sign in' });
      await expect
        .poll(() => page.locator('.inventory').getAttribute('data-inventory'))
        .toBe(String(cli.stdout.trim().split('\r\n').length - 1));
      expect(await table.locator('tr[data-origin^="http://legacy.lab.test"].warning').count()).toBeGreaterThan(0);
      // Sorting by "Depends on NTLM", descending, puts the NTLM-dependent sites first.
      await table.getByRole('button', { name: 'Depends on NTLM' }).click();
      await table.getByRole('button', { name: 'Depends on NTLM' }).click();
      expect(await table.locator('tbody tr').first().getAttribute('class')).toBe('warning');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Save CSV' }).click();
      await table.getByRole('button', { name: 'Depends on NTLM' }).click();
      const saved = readFileSync((await (await download).path()) as string, 'utf8');
      const lines = (text: string) => text.trim().split('\r\n').sort();
      expect(lines(saved)).toEqual(lines(cli.stdout));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows a decode error with its code and offset for garbage', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`chrome-extension://${chromium.extensionId}/src/panel/panel.html?view=decoder`);
    await page.locator('#token-input').fill('Negotiate YII*');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('base64-invalid-char at 3');
  });
});

describe('built extension in Firefox', () => {
  let firefox: FirefoxWithExtension;
  beforeAll(async () => {
    firefox = await launchFirefoxWithExtension();
  });
  afterAll(async () => firefox?.close());

  it('opens the panel page, reaches the background event page, and decodes an NTLM CHALLENGE', async () => {
    const page = await openFirefoxExtensionPage(firefox, '/src/panel/panel.html?view=decoder');
    await page.waitForFunction((expected) => document.querySelector('.toolbar .muted')?.textContent === expected, {}, `v${version}`);
    const challenge = labTokens.find((fixture) => fixture.name === 'lab-ntlm-challenge');
    await page.locator('#token-input').fill(`WWW-Authenticate: ${challenge?.value}`);
    await page.waitForFunction(() => document.querySelector('[role=tree]')?.textContent?.includes('MsvAvDnsComputerNameiis01.lab.test'));
    expect(await page.$eval('[role=tree]', (tree) => tree.textContent)).toContain('ServerChallenge0123456789abcdef');
  });
});
