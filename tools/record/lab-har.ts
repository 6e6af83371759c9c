// `node --import tsx tools/record/lab-har.ts`: a HAR of every lab scenario as a browser records one — Chromium 156
// through Playwright's recordHar (the Network panel's view: final responses, the request headers the browser
// reports) — written to test/fixtures/har/chromium-lab.har for the importers and the inventory to read. The lab
// realm is thrown away afterwards, so the file may be committed; bodies are left out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumEnvTrustingLabCa } from '../browsers/launch';
import { CHROMIUM_AUTH_ARGS, type ScenarioId, startLab } from '../lab/lab';

const OUT = 'test/fixtures/har/chromium-lab.har';
const lab = await startLab();
const trusting = await chromiumEnvTrustingLabCa({ ...process.env, ...lab.browserEnv });
const profile = mkdtempSync(join(tmpdir(), 'authscope-har-'));
const helper = resolve('tools/browsers/helper-extension');
try {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...CHROMIUM_AUTH_ARGS, `--disable-extensions-except=${helper}`, `--load-extension=${helper}`],
    env: trusting.env,
    recordHar: { path: OUT, content: 'omit' },
  });
  const page = await context.newPage();
  // Chromium on Linux fails its first Negotiate challenge (its Kerberos library loads then): warm up once. The loop
  // goes last, its retries would interrupt the next navigation.
  await page.goto(lab.urls['kerberos-ok']).catch(() => undefined);
  const ids = (Object.keys(lab.urls) as ScenarioId[]).filter((id) => id !== 'no-ticket' && id !== 'auth-loop');
  for (const id of [...ids, 'auth-loop' as const]) {
    await page.goto(lab.urls[id], { waitUntil: 'load' }).catch((error: unknown) => console.log(`${id}: ${String(error).split('\n')[0]}`));
  }
  await context.close();
  console.log(`wrote ${OUT}`);
} finally {
  trusting.cleanUp();
  rmSync(profile, { recursive: true, force: true });
  await lab.stop();
}
