// Which tab the panel shows: the DevTools inspected window, or `?tabId=` when the page is opened on its own
// (the real-browser tests open panel.html in a tab of its own).
import { browser } from '../shared/browser';

export function inspectedTabId(): number | null {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const devtools = (browser as unknown as { devtools?: { inspectedWindow?: { tabId?: number } } }).devtools;
  return devtools?.inspectedWindow?.tabId ?? null;
}
