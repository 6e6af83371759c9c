// One interface over Chromium (playwright-core) and Firefox (puppeteer-core, BiDi) with AuthScope loaded:
// visit lab URLs in fresh tabs, then read what the extension captured and the badge it set.
import type { CaptureEvent } from '../../src/core/exchange/events';
import type { Exchange } from '../../src/core/exchange/model';
import { type PanelRequest, type PanelResponse, panelRequest } from '../../src/shared/protocol';
import { CHROMIUM_AUTH_ARGS, FIREFOX_AUTH_PREFS, LAB_PASSWORD_FOR_PROMPTS, LAB_USER_FOR_PROMPTS } from '../lab/lab';
import { launchChromiumWithExtension, launchFirefoxWithExtension, openFirefoxExtensionPage } from './launch';

export interface TabCapture {
  readonly tabId: number;
  readonly exchanges: Exchange[];
  readonly badgeText: string;
  readonly badgeColor: number[];
  readonly badgeTitle: string;
}

/** The panel page opened for one tab, driven the same way in both browsers. */
export interface PanelPage {
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** A real click (user activation, which the copy needs). */
  click(selector: string): Promise<void>;
  type(selector: string, text: string): Promise<void>;
  press(key: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** Runs a script's source in the page, as DevTools' console would (e.g. axe-core; the page's CSP forbids eval). */
  runScript(source: string): Promise<void>;
  /** Chooses a file in a file input, as a user would. */
  upload(selector: string, path: string): Promise<void>;
  /** The system clipboard's text, read from a web page allowed to read it. */
  readClipboard(): Promise<string>;
  close(): Promise<void>;
}

export interface BrowserDriver {
  readonly name: 'chromium' | 'firefox';
  /**
   * Opens the URL in a new tab and waits for the page to settle. `answerPrompts`: answer credential prompts
   * as the lab user would (needed for NTLM on Linux; Chromium's helper extension always answers).
   */
  visit(url: string, answerPrompts?: boolean): Promise<void>;
  /**
   * Chromium fails the first Negotiate challenge after it starts, before its GSSAPI library is loaded
   * (docs/platform-notes.md): visits `url` in a tab that is then closed, so the failure leaves no exchange behind.
   */
  warmUp(url: string): Promise<void>;
  /** Every tab's exchanges and badge, read inside an extension page. */
  tabs(): Promise<TabCapture[]>;
  /** The events the lab recorder build kept (tools/record); empty for AuthScope itself. */
  trace(): Promise<CaptureEvent[]>;
  /** When the background now running started: a new value means the worker / event page was restarted. */
  backgroundStartedAt(): Promise<number>;
  /** Everything the extension keeps in storage.local or storage.sync (disk-backed areas). */
  diskStorage(): Promise<unknown>;
  /**
   * Samples storage.session every `everyMs` in an extension page, looking for any of `secrets`; the returned stop
   * function ends the sampling and says how many samples were taken and which secrets any of them held.
   */
  watchSessionStorage(secrets: readonly string[], everyMs: number): Promise<() => Promise<{ samples: number; found: string[] }>>;
  /** Writes keys into the extension's storage.local (tests' own keys, e.g. "test:loopback-is-public"). */
  writeLocalStorage(items: Record<string, unknown>): Promise<void>;
  /** Opens the panel page for the tab (as DevTools would for the inspected tab). */
  openPanel(tabId: number, size?: { width: number; height: number }): Promise<PanelPage>;
  /** Ticks or unticks "Keep raw tokens" in the panel's settings, as a user would. */
  setKeepRawTokens(keep: boolean): Promise<void>;
  /** Stops the extension's service worker (Chromium); returns false where the browser cannot. */
  stopServiceWorker(): Promise<boolean>;
  /**
   * Starts a webRequest listener of the extension's own in an extension page — a second listener the worker's
   * stops do not touch — and returns a reader of the URLs it saw answered 401 (Chromium only).
   */
  watchChallengesFromPage?(): Promise<() => Promise<string[]>>;
  /** Opens one tab to navigate again and again (Chromium), with its tab id, e.g. to open its panel first. */
  openTab?(): Promise<{ readonly tabId: number; visit(url: string): Promise<void> }>;
  close(): Promise<void>;
}

/** Runs in the extension page: a webRequest listener of the page's own, keeping the URLs answered 401. */
const WATCH_CHALLENGES = () => {
  const seen: string[] = [];
  (globalThis as unknown as { authscopeChallenged: string[] }).authscopeChallenged = seen;
  chrome.webRequest.onHeadersReceived.addListener(
    (details) => {
      if (details.statusCode === 401) seen.push(details.url);
      return undefined;
    },
    { urls: ['http://*/*'] },
    ['extraHeaders'],
  );
};
const READ_CHALLENGES = () => [...(globalThis as unknown as { authscopeChallenged: string[] }).authscopeChallenged];

/** Runs in the extension page: reads storage.session and the action API (`api` is chrome or browser). */
const READ_TABS = async () => {
  const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
  const stored = await api.storage.session.get(null);
  const tabs = [];
  for (const [key, value] of Object.entries(stored)) {
    if (!key.startsWith('tab:')) continue;
    const tabId = Number(key.slice(4));
    try {
      tabs.push({
        tabId,
        exchanges: (value as { exchanges: never[] }).exchanges,
        badgeText: await api.action.getBadgeText({ tabId }),
        badgeColor: await api.action.getBadgeBackgroundColor({ tabId }),
        badgeTitle: await api.action.getTitle({ tabId }),
      });
    } catch {
      // The tab closed after its exchanges were stored.
    }
  }
  return tabs;
};
const READ_TRACE = async () => {
  const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
  return ((await api.storage.session.get('trace'))['trace'] as never[]) ?? [];
};
const READ_STARTED_AT = async (request: PanelRequest) => {
  const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
  return ((await api.runtime.sendMessage(request)) as PanelResponse).startedAt;
};
/** Runs in the panel page: clicks the latest row for `url` (newest last) once it is rendered; false if none came. */
const CLICK_LATEST_ROW = async (url: string) => {
  for (let attempt = 0; attempt < 50; attempt++) {
    const rows = [...document.querySelectorAll<HTMLElement>('[role=row][data-exchange]')].filter(
      (row) => row.querySelector('.url')?.getAttribute('title') === url,
    );
    const row = rows.at(-1);
    if (row) {
      row.click();
      // The detail pane loads after the list's first paint: wait until it shows this exchange's answer.
      for (let wait = 0; wait < 50; wait++) {
        const header = document.querySelector('.detail-header h2')?.textContent ?? '';
        if (header.endsWith(url) && document.querySelector('.detail [aria-label=Answer]')) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
};

/** Selects the latest exchange for `url` in the panel, as a user clicking its row. */
export const selectExchangeRow = (panel: PanelPage, url: string): Promise<boolean> => panel.evaluate(CLICK_LATEST_ROW, url);

/** The finding ids the detail pane shows, in order. */
export const detailFindings = (panel: PanelPage): Promise<string[]> =>
  panel.evaluate(
    () => [...document.querySelectorAll('.detail [data-finding]')].map((finding) => finding.getAttribute('data-finding') ?? ''),
    undefined,
  );

/** The headline card of the detail pane, as its data attributes and text say it. */
export interface PanelHeadline {
  readonly verdict: string;
  /** "Kerberos", "NTLM (inferred)", or "none". */
  readonly mechanism: string;
  /** The most likely cause's rule id, or "none". */
  readonly cause: string;
  readonly label: string;
  readonly next: string;
}

/** What the detail pane shows of one exchange: its finding ids in order, the mechanism line with its evidence kind,
 *  the headline, and what Copy diagnosis put on the clipboard. */
export interface PanelDetail {
  readonly findings: string[];
  readonly mechanism: { readonly evidence: string | null; readonly text: string } | null;
  readonly headline: PanelHeadline | null;
  readonly copied: string;
}

/** Runs in the panel page: the selected exchange's headline card. */
const READ_HEADLINE = (): PanelHeadline | null => {
  const card = document.querySelector<HTMLElement>('.detail [aria-label=Answer]');
  if (!card) return null;
  return {
    verdict: card.dataset['verdict'] ?? '',
    mechanism: card.dataset['mechanism'] ?? '',
    cause: card.dataset['cause'] ?? '',
    label: card.querySelector('.outcome')?.textContent ?? '',
    next: card.querySelector('.next')?.textContent ?? '',
  };
};

/** The selected exchange's headline card. */
export const panelHeadline = (panel: PanelPage): Promise<PanelHeadline | null> => panel.evaluate(READ_HEADLINE, undefined);

/** Clicks Copy diagnosis (the selected exchange) and reads the clipboard back. */
export async function copySelectedDiagnosis(panel: PanelPage): Promise<string> {
  await panel.click('.list-toolbar button.primary');
  return panel.readClipboard();
}

/** Opens the panel for the tab, selects the exchange of `url` and reads its detail pane and its copied diagnosis. */
export async function panelDetail(driver: BrowserDriver, tabId: number, url: string): Promise<PanelDetail> {
  const panel = await driver.openPanel(tabId);
  try {
    if (!(await selectExchangeRow(panel, url))) return { findings: [], mechanism: null, headline: null, copied: '' };
    const mechanism = await panel.evaluate(() => {
      const element = document.querySelector('.detail [data-mechanism-evidence]');
      return element ? { evidence: element.getAttribute('data-mechanism-evidence'), text: element.textContent ?? '' } : null;
    }, undefined);
    return {
      findings: await detailFindings(panel),
      mechanism,
      headline: await panelHeadline(panel),
      copied: await copySelectedDiagnosis(panel),
    };
  } finally {
    await panel.close();
  }
}

/** Reads the clipboard in a web page (the extension has no clipboardRead permission, and needs none). */
const READ_CLIPBOARD = (): Promise<string> => navigator.clipboard.readText();

const READ_SESSION = async () => {
  const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
  return JSON.stringify(await api.storage.session.get(null));
};

/** Samples storage.session from the test process every `everyMs` (an extension page's own timers are throttled
 *  while it sits in a background tab), until the returned stop function is called. */
function watchSession(read: () => Promise<string>, secrets: readonly string[], everyMs: number) {
  let running = true;
  let samples = 0;
  const found = new Set<string>();
  const loop = (async () => {
    while (running) {
      const text = await read();
      samples++;
      for (const secret of secrets) if (text.includes(secret)) found.add(secret);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { samples, found: [...found] };
  };
}

const READ_DISK_STORAGE = async () => {
  const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
  return { local: await api.storage.local.get(null), sync: await api.storage.sync.get(null).catch(() => ({})) };
};

const WRITE_LOCAL_STORAGE = async (items: Record<string, unknown>) => {
  const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
  await api.storage.local.set(items);
};

/** What both drivers read inside their extension page: tabs and badges, the recorder's trace, the background's
 *  start time, the disk-backed areas, and storage.session sampled from the test process. */
function extensionReads(evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) => Promise<T>) {
  return {
    tabs: () => evaluate(READ_TABS, undefined) as Promise<TabCapture[]>,
    trace: () => evaluate(READ_TRACE, undefined) as Promise<CaptureEvent[]>,
    backgroundStartedAt: () => evaluate(READ_STARTED_AT, panelRequest('get-status')),
    diskStorage: () => evaluate(READ_DISK_STORAGE, undefined) as Promise<unknown>,
    writeLocalStorage: (items: Record<string, unknown>) => evaluate(WRITE_LOCAL_STORAGE, items) as Promise<void>,
    watchSessionStorage: async (secrets: readonly string[], everyMs: number) =>
      watchSession(() => evaluate(READ_SESSION, undefined), secrets, everyMs),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1200));

export async function chromiumDriver(
  env: Readonly<Record<string, string>>,
  extraArgs: readonly string[] = [],
  extensionDir?: string,
  prepareProfile?: (profileDir: string) => void,
): Promise<BrowserDriver> {
  const chromium = await launchChromiumWithExtension({
    args: [...CHROMIUM_AUTH_ARGS, ...extraArgs],
    env,
    answerPrompts: true,
    extensionDir,
    ...(prepareProfile ? { prepareProfile } : {}),
  });
  const extensionPage = await chromium.context.newPage();
  await extensionPage.goto(`chrome-extension://${chromium.extensionId}/src/panel/panel.html`);
  return {
    name: 'chromium',
    async visit(url) {
      const page = await chromium.context.newPage();
      await page.goto(url).catch(() => undefined); // loops end in net::ERR_TOO_MANY_RETRIES; that is the scenario
      await settle();
    },
    async warmUp(url) {
      const page = await chromium.context.newPage();
      await page.goto(url).catch(() => undefined);
      await page.close();
      await settle();
    },
    ...extensionReads((fn, arg) => extensionPage.evaluate(fn as never, arg) as never),
    async openPanel(tabId, size = { width: 1400, height: 900 }) {
      const panel = await chromium.context.newPage();
      await panel.setViewportSize(size);
      await panel.goto(`chrome-extension://${chromium.extensionId}/src/panel/panel.html?tabId=${tabId}`);
      return {
        evaluate: (fn, arg) => panel.evaluate(fn as never, arg) as never,
        click: (selector) => panel.click(selector),
        type: (selector, text) => panel.locator(selector).pressSequentially(text),
        press: (key) => panel.keyboard.press(key),
        screenshot: async (path) => void (await panel.screenshot({ path })),
        runScript: async (source) => void (await panel.evaluate(source)),
        upload: (selector, path) => panel.setInputFiles(selector, path),
        async readClipboard() {
          const reader = await chromium.context.newPage();
          const origin = 'http://127.0.0.1';
          await chromium.context.grantPermissions(['clipboard-read'], { origin });
          await reader.route(`${origin}/clipboard`, (route) =>
            route.fulfill({ contentType: 'text/html', body: '<title>clipboard</title>' }),
          );
          await reader.goto(`${origin}/clipboard`);
          const text = await reader.evaluate(READ_CLIPBOARD);
          await reader.close();
          return text;
        },
        close: () => panel.close(),
      };
    },
    async setKeepRawTokens(keep) {
      await extensionPage.locator('details.settings > summary').click();
      await extensionPage.getByRole('checkbox', { name: 'Keep raw tokens' }).setChecked(keep);
      await extensionPage.locator('details.settings > summary').click();
    },
    async stopServiceWorker() {
      // AuthScope's worker only: stopping every worker would also stop the helper extension that answers the NTLM
      // prompt, and the handshake itself would fail (a real final 401, which AuthScope then rightly reports).
      const session = await chromium.context.newCDPSession(extensionPage);
      const versions = new Map<string, { scriptURL: string; runningStatus: string }>();
      session.on('ServiceWorker.workerVersionUpdated', (event) => {
        for (const version of event.versions) versions.set(version.versionId, version);
      });
      await session.send('ServiceWorker.enable');
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const [versionId, version] of versions) {
        if (version.scriptURL.startsWith(`chrome-extension://${chromium.extensionId}/`) && version.runningStatus !== 'stopped') {
          await session.send('ServiceWorker.stopWorker', { versionId });
        }
      }
      await session.detach();
      return true;
    },
    async openTab() {
      const page = await chromium.context.newPage();
      await page.goto('about:blank');
      // The newest tab has the highest id.
      const tabId = await extensionPage.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((tab) => tab.id ?? -1)));
      return {
        tabId,
        async visit(url: string) {
          await page.goto(url).catch(() => undefined);
          await settle();
        },
      };
    },
    async watchChallengesFromPage() {
      await extensionPage.evaluate(WATCH_CHALLENGES);
      return () => extensionPage.evaluate(READ_CHALLENGES);
    },
    close: () => chromium.close(),
  };
}

export async function firefoxDriver(
  env: Readonly<Record<string, string>>,
  prefs: Record<string, unknown> = {},
  extensionDir?: string,
): Promise<BrowserDriver> {
  const firefox = await launchFirefoxWithExtension({ ...FIREFOX_AUTH_PREFS, ...prefs }, env, extensionDir);
  const extensionPage = await openFirefoxExtensionPage(firefox, '/src/panel/panel.html');
  return {
    name: 'firefox',
    async visit(url, answerPrompts = false) {
      const page = await firefox.browser.newPage();
      // Stands in for the person at Firefox's NTLM prompt (Firefox on Linux has no system NTLM credentials).
      // Only when asked: BiDi holds every 401 for an answer once it is on, even Negotiate-only ones.
      if (answerPrompts) await page.authenticate({ username: LAB_USER_FOR_PROMPTS, password: LAB_PASSWORD_FOR_PROMPTS });
      await page.goto(url, { timeout: 20_000 }).catch(() => undefined);
      await settle();
    },
    async warmUp(url) {
      const page = await firefox.browser.newPage();
      await page.goto(url, { timeout: 20_000 }).catch(() => undefined);
      await page.close();
      await settle();
    },
    ...extensionReads((fn, arg) => extensionPage.evaluate(fn as never, arg) as never),
    async openPanel(tabId, size = { width: 1400, height: 900 }) {
      const panel = await openFirefoxExtensionPage(firefox, `/src/panel/panel.html?tabId=${tabId}`);
      await panel.setViewport(size);
      return {
        evaluate: (fn, arg) => panel.evaluate(fn as never, arg) as never,
        click: (selector) => panel.click(selector),
        type: (selector, text) => panel.type(selector, text),
        press: (key) => panel.keyboard.press(key as never),
        screenshot: async (path) => void (await panel.screenshot({ path: path as `${string}.png` })),
        runScript: async (source) => void (await panel.evaluate(source)),
        async upload(selector, path) {
          const input = await panel.$(selector);
          if (!input) throw new Error(`no ${selector} to upload to`);
          await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(path);
        },
        readClipboard: () => panel.evaluate(READ_CLIPBOARD),
        close: () => panel.close(),
      };
    },
    async setKeepRawTokens(keep) {
      await extensionPage.click('details.settings > summary');
      await extensionPage.waitForSelector('input[name=keep-raw-tokens]:not([disabled])');
      if ((await extensionPage.$eval('input[name=keep-raw-tokens]', (input) => (input as HTMLInputElement).checked)) !== keep) {
        await extensionPage.click('input[name=keep-raw-tokens]');
      }
      await extensionPage.click('details.settings > summary');
    },
    stopServiceWorker: async () => false,
    close: () => firefox.close(),
  };
}

/** The tab whose captured exchanges include one for `url`, and that exchange. */
export function findExchange(tabs: readonly TabCapture[], url: string): { tab: TabCapture; exchange: Exchange } | undefined {
  let latest: { tab: TabCapture; exchange: Exchange } | undefined;
  for (const tab of tabs) {
    for (const exchange of tab.exchanges) {
      if (exchange.url === url && (!latest || exchange.startedAt > latest.exchange.startedAt)) latest = { tab, exchange };
    }
  }
  return latest;
}

/**
 * Waits until the exchange for `url` has settled: completed, or — when the browser holds a final 401 open because
 * nothing answers its prompt (Firefox) — ending in a 401 / 407 that no longer changes. Undefined on timeout.
 */
export async function settledExchange(
  driver: BrowserDriver,
  url: string,
  timeoutMs = 15_000,
): Promise<{ tab: TabCapture; exchange: Exchange } | undefined> {
  let previous = '';
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const found = findExchange(await driver.tabs(), url);
    if (found?.exchange.done) return found;
    const status = found?.exchange.legs.at(-1)?.response?.status;
    const state = `${found?.exchange.legs.length}:${status}`;
    if (found && (status === 401 || status === 407) && state === previous) return found;
    previous = state;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return undefined;
}
