// How many exchanges to drop, and from which tabs, when all tabs together hold more than the overall bounds (a
// count, and a size: Chrome caps storage.session at 10 MB and counts well above the JSON length — 500 Chromium
// exchanges of ~1.5 KB JSON used 2.5 MB in `npm run soak`). The offender pays: tabs holding more than their fair
// share (the bound divided among the tabs that hold anything) are trimmed, largest overuse first, each from its
// oldest end, so one hostile page cannot push the other tabs' evidence out.

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
  const holding = Object.entries(tabs).filter(([, tab]) => tab.count > 0);
  let excessCount = holding.reduce((sum, [, tab]) => sum + tab.count, 0) - max;
  let excessBytes = holding.reduce((sum, [, tab]) => sum + (tab.bytes ?? 0), 0) - maxBytes;
  const plan: Record<string, number> = {};
  if (excessCount <= 0 && excessBytes <= 0) return plan;
  const countShare = max / holding.length;
  const byteShare = maxBytes / holding.length;
  // How far past its share a tab is, as a fraction of the share: the worst offender pays first.
  const overuse = (tab: TabSize) => Math.max(tab.count / countShare, Number.isFinite(byteShare) ? (tab.bytes ?? 0) / byteShare : 0);
  const offendersFirst = holding.sort(([, left], [, right]) => overuse(right) - overuse(left) || left.oldest - right.oldest);
  for (const [tabId, tab] of offendersFirst) {
    if (excessCount <= 0 && excessBytes <= 0) break;
    const perExchange = tab.count > 0 ? (tab.bytes ?? 0) / tab.count : 0;
    // Down to its share, no further: a tab within its share keeps its evidence.
    const aboveShare = Math.max(
      tab.count - Math.floor(countShare),
      perExchange > 0 && Number.isFinite(byteShare) ? Math.ceil(((tab.bytes ?? 0) - byteShare) / perExchange) : 0,
    );
    const forBytes = excessBytes > 0 && perExchange > 0 ? Math.ceil(excessBytes / perExchange) : 0;
    const drop = Math.min(tab.count, Math.max(0, aboveShare), Math.max(excessCount, forBytes, 0));
    if (drop <= 0) continue;
    plan[tabId] = drop;
    excessCount -= drop;
    excessBytes -= drop * perExchange;
  }
  return plan;
}
