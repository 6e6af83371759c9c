// Chromium's two tiers against the lab (issue 19): cheap listeners everywhere, full ones where Windows authentication
// lives. The lab runs on loopback, which counts as an intranet address; a test-only storage key ("test:loopback-is-
// public", which no control sets) makes the background treat it as public, to show what a public site costs in
// visibility. All traffic stays on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/core/exchange/model';
import { summarizeExchange } from '../../src/core/exchange/summary';
import { diagnoseExchange } from '../../src/core/diagnosis/findings';
import { EXPECTED_FINDINGS } from '../helpers/expected-findings';
import {
  type BrowserDriver,
  type TabCapture,
  chromiumDriver,
  findExchange,
  selectExchangeRow,
  settledExchange,
} from '../../tools/browsers/driver';
import { FINAL_RESPONSE_ONLY_NOTE } from '../../src/core/diagnosis/advice/common';
import { type Lab, type ScenarioId, promptsForNtlm, startLab } from '../../tools/lab/lab';
import { NTLM_SERVER_PATHS } from '../../tools/lab/ntlm-server';

let lab: Lab;
let driver: BrowserDriver;
beforeAll(async () => {
  lab = await startLab();
  driver = await chromiumDriver(lab.browserEnv);
});
afterAll(async () => {
  await driver?.close();
  await lab?.stop();
});

/** The lab's ntlm-fallback page (offers Negotiate and NTLM; Chromium answers NTLM after a prompt) on 127.0.0.1, with
 *  a query so each visit is its own exchange. */
const onLoopback = (query: string) => {
  const url = Object.assign(new URL(lab.urls['ntlm-fallback']), { hostname: '127.0.0.1' });
  url.search = query;
  return url.href;
};
const statuses = (exchange: Exchange | undefined) => exchange?.legs.map((leg) => leg.response?.status ?? null);
const learned = async () => ((await driver.diskStorage()) as { local: Record<string, unknown> }).local['learned-origins'];

async function settings(change: (panel: Awaited<ReturnType<BrowserDriver['openPanel']>>) => Promise<void>) {
  const tabs: TabCapture[] = await driver.tabs();
  const panel = await driver.openPanel(tabs[0]?.tabId ?? 1);
  try {
    await panel.click('details.settings > summary');
    await change(panel);
  } finally {
    await panel.close();
  }
}

describe('Chromium: full listeners only where Windows authentication lives', () => {
  // The Negotiate scenarios: NTLM ones depend on the order of visits (Chromium reuses NTLM credentials per origin, so
  // only the first NTLM handshake on an origin prompts) — the capture E2E covers their first visits.
  it('lab scenarios give the same verdicts on a first and a later visit (their names are watched fully)', async () => {
    await driver.warmUp(lab.urls['kerberos-ok']);
    for (const id of ['kerberos-ok', 'spn-unknown', 'not-allowlisted', 'stale-keytab', 'token-too-large'] as ScenarioId[]) {
      for (const visit of ['first', 'later']) {
        const url = `${lab.urls[id]}?visit=${visit}`;
        await driver.visit(url, promptsForNtlm(url));
        const exchange = (await settledExchange(driver, url))?.exchange;
        expect(exchange, `${id}, ${visit} visit`).toBeDefined();
        expect(
          diagnoseExchange(exchange as Exchange).map((finding) => finding.id),
          `${id}, ${visit} visit`,
        ).toEqual(EXPECTED_FINDINGS.chromium[id]);
      }
    }
  });

  it('a server on a loopback address is learned from its first response (loopback counts as private)', async () => {
    const url = Object.assign(new URL(lab.urls['ntlm-fallback']), { hostname: '127.0.0.1', pathname: `${NTLM_SERVER_PATHS.public}none` });
    await driver.visit(url.href);
    await expect.poll(learned).toEqual([url.origin]);
    await settings(async (panel) => panel.click('button[name=forget-learned-sites]'));
    await expect.poll(learned).toBeUndefined();
  });

  it('a site on a public address shows only its final response until learned, then the legs Chromium shows', async () => {
    await driver.writeLocalStorage({ 'test:loopback-is-public': true });
    const first = onLoopback('?visit=1');
    await driver.visit(first);
    const firstExchange = findExchange(await driver.tabs(), first)?.exchange;
    // Without extraHeaders Chromium reports the final response only. (The lab's NTLM server was answered in the first
    // test, so Chromium signs in from its auth cache without a prompt: a site that authenticates silently.)
    expect(statuses(firstExchange)).toEqual([200]);
    expect(firstExchange?.finalResponseOnly).toBe(true);
    // The panel says why only the final response is there, and how to see more.
    const panel = await driver.openPanel(findExchange(await driver.tabs(), first)?.tab.tabId as number);
    try {
      await expect.poll(() => selectExchangeRow(panel, first)).toBe(true);
      const note = () => panel.evaluate(() => document.querySelector('.detail .hidden-note')?.textContent ?? '', undefined);
      await expect.poll(note).toBe(FINAL_RESPONSE_ONLY_NOTE);
    } finally {
      await panel.close();
    }
    // Learned from that final response's Persistent-Auth: the origin only.
    await expect.poll(learned).toEqual([new URL(first).origin]);
    const second = onLoopback('?visit=2');
    await driver.visit(second);
    const secondExchange = (await settledExchange(driver, second))?.exchange;
    expect(statuses(secondExchange)).toEqual([401, 200]);
    expect(secondExchange?.finalResponseOnly).toBeUndefined();
    expect(summarizeExchange(secondExchange as Exchange)).toMatchObject({ outcome: 'authenticated', offered: ['Negotiate', 'NTLM'] });
  });

  it('"Forget learned sites" forgets; the next first visit shows the final response only again', async () => {
    await settings(async (panel) => panel.click('button[name=forget-learned-sites]'));
    await expect.poll(learned).toBeUndefined();
    const url = onLoopback('?visit=3');
    await driver.visit(url);
    expect(statuses(findExchange(await driver.tabs(), url)?.exchange)).toEqual([200]);
  });

  it('an intranet site the user names is watched fully from its first request', async () => {
    await driver.writeLocalStorage({ 'learned-origins': [] });
    await settings(async (panel) => {
      await panel.type('input[name=intranet-patterns]', '127.0.0.1');
      await panel.press('Tab');
    });
    const url = onLoopback('?visit=4');
    await driver.visit(url);
    expect(statuses((await settledExchange(driver, url))?.exchange)).toEqual([401, 200]);
    await settings(async (panel) => {
      await panel.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>('input[name=intranet-patterns]');
        if (!input) return;
        input.value = '';
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, undefined);
    });
  });

  it('"Watch every site fully" watches a never-seen public site fully', async () => {
    await driver.writeLocalStorage({ 'learned-origins': [] });
    await settings(async (panel) => panel.click('input[name=watch-every-site]'));
    const url = onLoopback('?visit=5');
    await driver.visit(url);
    expect(statuses((await settledExchange(driver, url))?.exchange)).toEqual([401, 200]);
  });
});
