// How many exchanges to drop, and from which tabs, when all tabs together hold more than the overall bound.
// Tabs are trimmed oldest first (by their oldest exchange), each from its own oldest end.

/** What the background knows about a tab's stored list without loading it. */
export interface TabSize {
  readonly count: number;
  /** startedAt of the tab's oldest exchange. */
  readonly oldest: number;
}

/** Exchanges to drop per tab (from the oldest end) so the total is at most `max`. */
export function evictionPlan(tabs: Readonly<Record<string, TabSize>>, max: number): Record<string, number> {
  let excess = Object.values(tabs).reduce((sum, tab) => sum + tab.count, 0) - max;
  const plan: Record<string, number> = {};
  const oldestFirst = Object.entries(tabs).sort(([, left], [, right]) => left.oldest - right.oldest);
  for (const [tabId, tab] of oldestFirst) {
    if (excess <= 0) break;
    const drop = Math.min(tab.count, excess);
    plan[tabId] = drop;
    excess -= drop;
  }
  return plan;
}
