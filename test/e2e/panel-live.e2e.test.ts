// The DevTools panel on real lab traffic, in Chromium and Firefox: the exchange list (status chains, mechanism,
// filter, keyboard), the detail pane (legs, decoded token with hex highlighting, findings), and Copy diagnosis
// read back from the system clipboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, startLab } from '../../tools/lab/lab';
import {
  type BrowserDriver,
  type PanelPage,
  chromiumDriver,
  detailFindings,
  firefoxDriver,
  selectExchangeRow,
  settledExchange,
} from '../../tools/browsers/driver';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => lab?.stop());

const READ_ROWS = () =>
  [...document.querySelectorAll('[role=row][data-exchange]')].map((row) => ({
    url: row.querySelector('.url')?.getAttribute('title') ?? '',
    chain: row.querySelector('.chain')?.textContent ?? '',
    outcome: row.querySelector('.outcome')?.textContent ?? '',
    mechanism: row.querySelector('.mechanism')?.textContent ?? '',
  }));

type ListedRow = ReturnType<typeof READ_ROWS>[number];

async function rowsOf(panel: PanelPage) {
  let rows: ListedRow[] = [];
  for (let attempt = 0; attempt < 50 && rows.length === 0; attempt++) {
    rows = await panel.evaluate(READ_ROWS, undefined);
    if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return rows;
}

const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';

async function openScenario(driver: BrowserDriver, url: string, answerPrompts = false) {
  await driver.visit(url, answerPrompts);
  const found = await settledExchange(driver, url);
  expect(found, `no exchange for ${url}`).toBeDefined();
  return driver.openPanel(found?.tab.tabId as number);
}

describe('panel in Chromium', () => {
  let driver: BrowserDriver;
  beforeAll(async () => {
    driver = await chromiumDriver(lab.browserEnv);
    await driver.warmUp(lab.urls['kerberos-ok']);
  });
  afterAll(async () => driver?.close());

  it('kerberos-ok: row, legs, the server token decoded with hex highlighting, the finding, the visibility banner', async () => {
    const url = lab.urls['kerberos-ok'];
    const panel = await openScenario(driver, url);
    const rows = await rowsOf(panel);
    const row = rows.find((candidate) => candidate.url === url);
    expect(row).toEqual({ url, chain: '401 → 200', outcome: 'Worked', mechanism: 'Kerberos' });
    expect(await panel.evaluate(text, '.banner')).toContain('chrome://net-export');
    await selectExchangeRow(panel, url);
    expect(await detailFindings(panel)).toEqual(['kerberos-ok']);
    expect(await panel.evaluate(text, '.token-panel')).toContain('negStateaccept-completed');
    await panel.click('.token-panel [role=treeitem][aria-selected] [role=treeitem][aria-selected] .tree-label');
    expect(await panel.evaluate(() => document.querySelector('.hex')?.getAttribute('aria-label') ?? '', undefined)).toMatch(
      /Token bytes, \d+–\d+ selected/,
    );
    expect(await panel.evaluate(() => document.querySelectorAll('.hex-byte.selected').length, undefined)).toBeGreaterThan(0);
    // The strip counts what the list shows (a favicon the browser fetched with Kerberos is a row too).
    const origin = new URL(url).host;
    const listed = rows.filter((candidate) => new URL(candidate.url).host === origin);
    const kerberosOk = listed.filter((candidate) => candidate.outcome === 'Worked' && candidate.mechanism === 'Kerberos').length;
    expect(kerberosOk).toBeGreaterThanOrEqual(1);
    expect(await panel.evaluate(text, '.origins')).toContain(`${origin}: Kerberos OK ${kerberosOk} · NTLM 0 · failed 0 · warnings 0`);
    await panel.close();
  });

  it('ntlm-fallback: NTLM inferred from what Chromium shows, and the facts it rests on', async () => {
    const url = lab.urls['ntlm-fallback'];
    // On Linux Chromium asks for NTLM credentials the first time (a prompt also names the mechanism); the second
    // visit reuses them silently, as a domain-joined Windows client does, and shows only the 401 and the 200.
    await driver.visit(url, true);
    const panel = await openScenario(driver, url, true);
    const row = (await rowsOf(panel)).filter((candidate) => candidate.url === url).at(-1);
    expect(row).toEqual({ url, chain: '401 → 200', outcome: 'Worked', mechanism: 'NTLM' });
    await selectExchangeRow(panel, url);
    expect(await detailFindings(panel)).toEqual(['ntlm-fallback', 'ntlm-dependency', 'persistent-auth']);
    expect(await panel.evaluate(text, '.detail [data-mechanism-evidence]')).toMatch(
      /^NTLM — inferred: Negotiate succeeded behind hidden legs and the final response carries no Negotiate token.*\(RFC 4178 §5/,
    );
    await panel.click('.mechanism-facts summary');
    expect(await panel.evaluate(text, '.mechanism-facts')).toMatch(
      /401 WWW-Authenticate: Negotiate, NTLM[\s\S]*Server: Microsoft-IIS\/10\.0/,
    );
    await panel.close();
  });

  it('filters, moves with the keyboard, and copies a redacted diagnosis that the clipboard gives back', async () => {
    const url = lab.urls['not-allowlisted'];
    const panel = await openScenario(driver, url);
    await rowsOf(panel);
    await panel.type('input[type=search]', 'no-token-sent');
    expect((await panel.evaluate(READ_ROWS, undefined)).map((candidate) => candidate.url)).toEqual([url]);
    await panel.click('.viewport');
    await panel.press('ArrowDown');
    expect(await panel.evaluate(text, '.detail-header h2')).toContain(url);
    await panel.click('button.primary');
    expect(await panel.evaluate(text, '.copy-status')).toMatch(
      new RegExp(`^Copied the diagnosis of GET ${url.replace(/[.]/g, '\\.')} \\(\\d+ characters\\)$`),
    );
    const copied = await panel.readClipboard();
    expect(copied.startsWith(`- Site: \`${url}\` (GET, 401)\n- Outcome: Failed — `)).toBe(true);
    expect(copied).toContain(
      '- Most likely cause: The server asked for Windows authentication and the browser sent no token (`no-token-sent`)',
    );
    expect(copied).toContain(
      'Redaction: no raw tokens; no user, workstation or realm names were captured; URLs, host names and SPNs are shown.',
    );
    // Chromium on Linux: its own policy file is unfolded (added to, never overwritten); Windows and macOS are folded.
    expect(copied).toContain("jq '.AuthServerAllowlist = ");
    expect(copied).not.toMatch(/^ {3}- Chrome on Windows/m);
    expect(copied.length).toBeLessThanOrEqual(2500);
    await panel.close();
  });
});

describe('panel in Firefox', () => {
  let driver: BrowserDriver;
  beforeAll(async () => {
    driver = await firefoxDriver(lab.browserEnv, { 'dom.events.testing.asyncClipboard': true });
  });
  afterAll(async () => driver?.close());

  it('ntlm-fallback: every leg, the NTLM AUTHENTICATE decoded, identities masked in the copy', async () => {
    const url = lab.urls['ntlm-fallback'];
    const panel = await openScenario(driver, url, true);
    const row = (await rowsOf(panel)).find((candidate) => candidate.url === url);
    expect(row).toEqual({ url, chain: '401 → 401 → 200', outcome: 'Worked', mechanism: 'NTLM' });
    await selectExchangeRow(panel, url);
    expect(await detailFindings(panel)).toEqual(['ntlm-fallback', 'ntlm-dependency', 'kernel-mode', 'persistent-auth']);
    const token = await panel.evaluate(text, '.token-panel');
    expect(token).toContain('NTLM AUTHENTICATE_MESSAGE (Type 3)');
    expect(token).toMatch(/NTLMv2/);
    await panel.click('button.primary');
    const copied = await panel.readClipboard();
    expect(copied).toContain('- Most likely cause: Negotiate offered, but NTLM used (Kerberos fallback) (`ntlm-fallback`)');
    expect(copied).toMatch(/NTLM user ‹masked›/);
    expect(copied).not.toMatch(/TlRMTVNTUAAD/);
    await panel.close();
  });
});
