// Findings: each verdict of judge.ts with its rule's advice (explanation, fixes, what is missing). Used where
// findings are read — the panel's detail pane, copy, reports, CLI — never in the service worker.
import type { Exchange } from '../exchange/model';
import { summarizeExchange } from '../exchange/summary';
import { ADVICE, finding } from './advice';
import type { DiagnosisEnvironment, Finding } from './finding';
import { verdictsOf } from './judge';

const findingsCache = new WeakMap<Exchange, readonly Finding[]>();

/** The findings of one exchange, worst first. */
export function diagnoseExchange(exchange: Exchange, environment: DiagnosisEnvironment = {}): readonly Finding[] {
  const useCache = environment.predictedSpn == null;
  const cached = useCache ? findingsCache.get(exchange) : undefined;
  if (cached) return cached;
  const verdicts = verdictsOf(exchange, environment);
  const context = { exchange, summary: summarizeExchange(exchange), environment };
  const findings = verdicts.map((verdict) => finding(verdict, ADVICE[verdict.id](verdict, context)));
  if (useCache) findingsCache.set(exchange, findings);
  return findings;
}

export function diagnose(exchanges: readonly Exchange[], environment: DiagnosisEnvironment = {}): Finding[] {
  return exchanges.flatMap((exchange) => diagnoseExchange(exchange, environment));
}

/** Findings across exchanges, one per rule id and title (the copy / CLI "all findings" list), with the count. */
export function dedupeFindings(findings: readonly Finding[]): { readonly finding: Finding; readonly count: number }[] {
  const tally = new FindingTally();
  tally.add(findings);
  return tally.groups();
}

/** Findings counted as they come (same id and title = one group), for sessions too large to hold every finding. */
export class FindingTally {
  private readonly byKey = new Map<string, { finding: Finding; count: number }>();

  add(findings: readonly Finding[]): void {
    for (const finding of findings) {
      const key = `${finding.id}\u0000${finding.title}`;
      const group = this.byKey.get(key);
      if (group) group.count++;
      else this.byKey.set(key, { finding, count: 1 });
    }
  }

  groups(): { readonly finding: Finding; readonly count: number }[] {
    return [...this.byKey.values()];
  }
}
