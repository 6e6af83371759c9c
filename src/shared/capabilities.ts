// What the browser AuthScope runs in can do — decided once, here, from the APIs themselves rather than from a user
// agent string: every shell (background, panel) asks this module.
import type { BrowserFamily } from '../core/exchange/events';
import { browser } from './browser';

type DnsApi = { resolve(host: string, flags: string[]): Promise<{ canonicalName?: string }> };

const headersReceivedOptions = (browser.webRequest as unknown as { OnHeadersReceivedOptions?: Record<string, string> } | undefined)
  ?.OnHeadersReceivedOptions;

/** Chromium's webRequest reports authentication headers only with "extraHeaders" (docs/platform-notes.md); Firefox
 *  has no such option and reports every leg anyway. */
export const needsExtraHeaders = headersReceivedOptions?.['EXTRA_HEADERS'] === 'extraHeaders';

/** The engine family whose webRequest behaviour capture must expect (Chrome, Edge and Chromium are one). */
export const browserFamily: BrowserFamily = needsExtraHeaders ? 'chromium' : 'firefox';

/** Firefox's `dns.resolve` (the `dns` permission): the canonical name the SPN is built from. */
export const dnsResolver: DnsApi | null = (browser as unknown as { dns?: DnsApi }).dns ?? null;

/** The browser's name and major version for reports: "Chromium 156", "Edge 140", "Firefox 153". */
export function browserLabel(userAgent: string = globalThis.navigator?.userAgent ?? ''): string {
  const match = /(Edg|Firefox|Chrome|Chromium)\/(\d+)/.exec(userAgent);
  if (!match) return 'unknown browser';
  const names: Record<string, string> = { Edg: 'Edge', Firefox: 'Firefox', Chrome: 'Chromium', Chromium: 'Chromium' };
  return `${names[match[1] ?? ''] ?? match[1]} ${match[2]}`;
}
