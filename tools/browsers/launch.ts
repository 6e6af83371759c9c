// Starts the Debian browsers with the built extension loaded, the way the brief and docs/platform-notes.md describe.
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { LAB_CA_ENV, trustInNssDatabase } from '../lab/tls';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Debian's Firefox ESR; AUTHSCOPE_FIREFOX_PATH points elsewhere (the demo's "no browser" path is tested with it). */
export const FIREFOX_PATH = process.env['AUTHSCOPE_FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';
export const EXTENSION_GECKO_ID = 'authscope@authscope.dev';

/** Flags for this machine: no outside network, root, no GPU (docs/platform-notes.md, lab). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumWithExtension {
  readonly context: BrowserContext;
  readonly extensionId: string;
  close(): Promise<void>;
}

export interface ChromiumLaunchOptions {
  readonly args?: readonly string[];
  /** Extra environment, e.g. KRB5_CONFIG / KRB5CCNAME for the lab's Kerberos ticket. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Load the test helper that answers credential prompts (NTLM on Linux always prompts) through
   * onAuthRequired, so AuthScope still sees the prompt — CDP-level answering would hide it.
   */
  readonly answerPrompts?: boolean;
  /** A built AuthScope other than dist/chrome (benchmarks load variants of it). */
  readonly extensionDir?: string;
  /** Prepares the fresh profile before Chromium starts (e.g. the companion's manifest in <profile>/NativeMessagingHosts). */
  readonly prepareProfile?: (profileDir: string) => void;
}

/**
 * Host-scoped mode: the user limits AuthScope's site access to intranet hosts (Chrome: extension details → Site
 * access → "On specific sites"; Firefox: about:addons → Permissions), and webRequest reports nothing for other
 * sites. Emulated by a copy of dist/chrome whose host permissions name only `patterns`; returns its directory.
 */
export function hostScopedChromeBuild(patterns: readonly string[]): string {
  const build = mkdtempSync(join(tmpdir(), 'authscope-host-scoped-'));
  cpSync(resolve('dist/chrome'), build, { recursive: true });
  const manifestPath = join(build, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), host_permissions: patterns }));
  return build;
}

/**
 * A copy of dist/chrome that holds `permissions` from install instead of asking at run time: Chromium gives
 * automation no way to answer its permission dialog, so a test of what comes after a user's "Allow" starts from
 * the state that "Allow" leaves (the key, hence the extension id, is the same). Returns its directory.
 */
export function grantedPermissionsChromeBuild(permissions: readonly string[]): string {
  const build = mkdtempSync(join(tmpdir(), 'authscope-granted-'));
  cpSync(resolve('dist/chrome'), build, { recursive: true });
  const manifestPath = join(build, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { permissions: string[]; optional_permissions?: string[] };
  writeFileSync(
    manifestPath,
    JSON.stringify({
      ...manifest,
      permissions: [...manifest.permissions, ...permissions],
      optional_permissions: (manifest.optional_permissions ?? []).filter((permission) => !permissions.includes(permission)),
    }),
  );
  return build;
}

/**
 * The environment for a Chromium that trusts the lab CA named in `env` (AUTHSCOPE_LAB_CA) for real: Chromium on
 * Linux reads locally trusted CAs from the NSS database $HOME/.pki/nssdb, so HOME becomes a temporary directory
 * holding one (or the HOME the caller chose gets it). Without a CA, `env` unchanged. `cleanUp` removes what it made.
 */
export async function chromiumEnvTrustingLabCa(
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ env: Record<string, string | undefined>; cleanUp: () => void }> {
  const ca = env[LAB_CA_ENV];
  if (!ca) return { env: { ...env }, cleanUp: () => undefined };
  const home = env['HOME'] && env['HOME'] !== process.env['HOME'] ? env['HOME'] : null;
  const dir = home ?? mkdtempSync(join(tmpdir(), 'authscope-chromium-home-'));
  await trustInNssDatabase(join(dir, '.pki', 'nssdb'), ca);
  return { env: { ...env, HOME: dir }, cleanUp: () => (home ? undefined : rmSync(dir, { recursive: true, force: true })) };
}

/** Chromium (new headless) with dist/chrome loaded; the extension id comes from its service worker URL. */
export async function launchChromiumWithExtension(options: ChromiumLaunchOptions = {}): Promise<ChromiumWithExtension> {
  const extraArgs = options.args ?? [];
  const extension = resolve(options.extensionDir ?? 'dist/chrome');
  const extensions = options.answerPrompts ? `${extension},${resolve('tools/browsers/helper-extension')}` : extension;
  const profile = mkdtempSync(join(tmpdir(), 'authscope-chromium-'));
  options.prepareProfile?.(profile);
  const trusting = await chromiumEnvTrustingLabCa({ ...process.env, ...options.env });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extensions}`, `--load-extension=${extensions}`, ...extraArgs],
    env: trusting.env,
  });
  const isAuthScope = (url: string) => url.endsWith('/service-worker-loader.js');
  const worker =
    context.serviceWorkers().find((candidate) => isAuthScope(candidate.url())) ??
    (await context.waitForEvent('serviceworker', { predicate: (candidate) => isAuthScope(candidate.url()), timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      trusting.cleanUp();
    },
  };
}

export interface FirefoxWithExtension {
  readonly browser: Browser;
  /** moz-extension://<uuid> base, fixed through the extensions.webextensions.uuids pref. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * Firefox ESR over WebDriver BiDi with dist/firefox (or another build) installed as a temporary add-on. When `env`
 * names the lab CA (AUTHSCOPE_LAB_CA), the profile is made first with an NSS database (cert9.db) that trusts it.
 */
export async function launchFirefoxWithExtension(
  prefs: Record<string, unknown> = {},
  env: Readonly<Record<string, string>> = {},
  extensionDir = 'dist/firefox',
): Promise<FirefoxWithExtension> {
  const uuid = randomUUID();
  const ca = env[LAB_CA_ENV];
  const profile = ca ? mkdtempSync(join(tmpdir(), 'authscope-firefox-')) : null;
  if (profile && ca) await trustInNssDatabase(profile, ca);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Firefox 153 lets WebDriver navigate to moz-extension:// pages only with system access allowed.
    args: ['--remote-allow-system-access'],
    env: { ...process.env, ...env },
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [EXTENSION_GECKO_ID]: uuid }), ...prefs },
    ...(profile ? { userDataDir: profile } : {}),
  });
  await browser.installExtension(resolve(extensionDir));
  return {
    browser,
    baseUrl: `moz-extension://${uuid}`,
    async close() {
      await browser.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens an extension page in Firefox. The remote agent never reports the load of moz-extension:// pages
 * (the navigation command does not answer), so the page is opened without waiting and the caller waits for
 * its content instead.
 */
export async function openFirefoxExtensionPage(firefox: FirefoxWithExtension, path: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  void page.goto(`${firefox.baseUrl}${path}`, { timeout: 0 }).catch(() => undefined);
  const expected = `${firefox.baseUrl}${path}`;
  // Polled by hand: while the tab is still between about:blank and the extension page, Firefox's remote agent can
  // fail an evaluation outright ("right-hand side of 'in' should be an object, got null"), which would end a
  // waitForFunction; such a poll just counts as "not yet".
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const loaded = await page.evaluate((url) => location.href === url && document.readyState === 'complete', expected).catch(() => false);
    if (loaded) return page;
  }
  throw new Error(`Firefox did not open ${expected} within 30 s`);
}
