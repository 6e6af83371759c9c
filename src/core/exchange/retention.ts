// How many exchanges to drop, and from which tabs, when all tabs together hold more than the overall bounds (a
// count, and a size: Chrome caps storage.session at 10 MB and counts well above the JSON length — 500 Chromium
// exchanges of ~1.5 KB JSON used 2.5 MB in `npm run soak`). Tabs are trimmed oldest first, each from its oldest end.

/** What the background knows about a tab's stored list without loading it. */
export interface TabSize {
  readonly count: number;
  /** startedAt of the tab's oldest exchange. */
  readonly oldest: number;
  /** JSON length of the stored list. */
  readonly bytes: number;
}

/** Exchanges to drop per tab (from the oldest end) so the total is at most `max` exchanges and `maxBytes`. */
export function evictionPlan(
  tabs: Readonly<Record<string, TabSize>>,
  max: number,
  maxBytes = Number.POSITIVE_INFINITY,
): Record<string, number> {
  const all = Object.values(tabs);
  let excessCount = all.reduce((sum, tab) => sum + tab.count, 0) - max;
  let excessBytes = all.reduce((sum, tab) => sum + (tab.bytes ?? 0), 0) - maxBytes;
  const plan: Record<string, number> = {};
  const oldestFirst = Object.entries(tabs).sort(([, left], [, right]) => left.oldest - right.oldest);
  for (const [tabId, tab] of oldestFirst) {
    if (excessCount <= 0 && excessBytes <= 0) break;
    const perExchange = tab.count > 0 ? (tab.bytes ?? 0) / tab.count : 0;
    const forBytes = excessBytes > 0 && perExchange > 0 ? Math.ceil(excessBytes / perExchange) : 0;
    const drop = Math.min(tab.count, Math.max(excessCount, forBytes, 0));
    if (drop === 0) continue;
    plan[tabId] = drop;
    excessCount -= drop;
    excessBytes -= drop * perExchange;
  }
  return plan;
}
