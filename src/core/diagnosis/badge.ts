// The toolbar badge of a tab: how many exchanges have a problem (an error or warning finding of the diagnosis
// verdicts), coloured by the worst, with each problem's title in the tooltip. Empty when all is well.
import { isProblem, verdictsOf } from './judge';
import type { Exchange } from '../exchange/model';

export interface BadgeState {
  readonly text: string;
  readonly color: string;
  readonly title: string;
}

export const BADGE_COLORS = { error: '#d93025', warning: '#e37400' } as const;

/** The badge for a tab's exchanges. */
export function badgeFor(exchanges: readonly Exchange[]): BadgeState {
  const reasons = new Map<string, number>();
  const hosts = new Set<string>();
  let problems = 0;
  let worst: 'error' | 'warning' | null = null;
  for (const exchange of exchanges) {
    // Findings are listed worst first: the first one says whether the exchange is a problem.
    const [top] = verdictsOf(exchange);
    if (!top || !isProblem(top.severity)) continue;
    problems++;
    if (top.severity === 'error' || worst === null) worst = top.severity;
    reasons.set(top.title, (reasons.get(top.title) ?? 0) + 1);
    try {
      hosts.add(new URL(exchange.url).host);
    } catch {
      hosts.add(exchange.url);
    }
  }
  if (problems === 0 || worst === null)
    return { text: '', color: BADGE_COLORS.warning, title: 'AuthScope: no authentication problems on this tab' };
  const where = [...hosts].slice(0, 3).join(', ') + (hosts.size > 3 ? ` and ${hosts.size - 3} more` : '');
  const why = [...reasons].map(([reason, count]) => (count > 1 ? `${reason} (×${count})` : reason)).join('; ');
  return {
    text: problems > 99 ? '99+' : String(problems),
    color: BADGE_COLORS[worst],
    title: `AuthScope: ${problems} auth problem${problems === 1 ? '' : 's'} on ${where}: ${why}`,
  };
}
