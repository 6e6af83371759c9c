// The stable JSON of `authscope analyze --json` (docs/json.md): per exchange its legs, mechanism, outcome and
// findings, then every finding de-duplicated. Tokens are credentials: left out unless asked for.
import { FindingTally, diagnoseExchange } from '../diagnosis/findings';
import { type FindingJson, findingJson } from './finding-json';
import type { Finding } from '../diagnosis/finding';
import type { ImportedSession } from '../import/file-import';
import type { AuthItem, Exchange } from '../exchange/model';
import type { Problem } from '../decode/result';
import { summarizeExchange } from '../exchange/summary';

const sent = (item: AuthItem | null | undefined, includeTokens: boolean, bytes: number | null) =>
  item ? { scheme: item.scheme, bytes: item.summary?.byteLength ?? bytes, token: includeTokens ? item.token : null } : null;

/** One exchange as `analyze --json` writes it (the probe reuses it for the handshake it ran). */
export function exchangeJson(exchange: Exchange, findings: readonly Finding[], includeTokens: boolean) {
  const summary = summarizeExchange(exchange);
  const spn = exchange.legs.flatMap((leg) => leg.request?.credentials?.summary?.spn ?? []).at(-1) ?? exchange.authLibrary?.spn ?? null;
  return {
    url: exchange.url,
    method: exchange.method,
    status: exchange.finalStatus ?? exchange.legs.at(-1)?.response?.status ?? null,
    offered: summary.offered,
    mechanism: summary.mechanism,
    mechanismEvidence: summary.mechanismEvidence,
    mechanismDetail: summary.mechanism
      ? {
          reason: summary.mechanismReading.reason,
          basis: summary.mechanismReading.basis,
          facts: summary.mechanismReading.facts,
          caveats: summary.mechanismReading.caveats,
        }
      : null,
    outcome: summary.outcome,
    spn,
    requestAuthBytes: summary.requestAuthBytes,
    legs: exchange.legs.map((leg) => ({
      status: leg.response?.status ?? null,
      sent: sent(leg.request?.credentials ?? leg.request?.proxyCredentials, includeTokens, null),
      challenges: [...(leg.response?.challenges ?? []), ...(leg.response?.proxyChallenges ?? [])].map((item) => item.scheme),
    })),
    findings: findings.map(findingJson),
  };
}

/** What `analyze --json` is asked for: raw tokens or not, and the import's warnings to carry with the result. */
export interface AnalysisJsonOptions {
  readonly includeTokens: boolean;
  readonly warnings?: readonly Problem[];
}

/** The whole analysis as one object (small sessions, tests). */
export function analysisJson(session: ImportedSession, options: AnalysisJsonOptions = { includeTokens: false }) {
  return JSON.parse([...analysisJsonLines(session, options)].join('\n')) as {
    source: string;
    browser: string | null;
    warnings: Problem[];
    exchanges: ReturnType<typeof exchangeJson>[];
    findings: (FindingJson & { count: number })[];
  };
}

const indented = (value: unknown, spaces: number) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(spaces)}`);

/**
 * The analysis as JSON text, one exchange per piece (each piece one or more whole lines): 80,000 exchanges are more
 * text than one JavaScript string holds, so the CLI writes the pieces as they come. Joined with newlines they are
 * `JSON.stringify(analysis, null, 2)`.
 */
export function* analysisJsonLines(session: ImportedSession, options: AnalysisJsonOptions = { includeTokens: false }): Generator<string> {
  // The import's warnings travel with the result (lines read best-effort, a NetLog cut off): added in 0.2.
  const warnings = (options.warnings ?? []).map(({ code, message, offset }) => ({ code, message, offset }));
  yield `{\n  "source": ${JSON.stringify(session.source)},\n  "browser": ${JSON.stringify(session.browser)},\n  "warnings": ${indented(warnings, 2)},\n  "exchanges": [`;
  const tally = new FindingTally();
  tally.add(session.findings);
  const last = session.exchanges.length - 1;
  for (let index = 0; index <= last; index++) {
    const exchange = session.exchanges[index] as Exchange;
    const findings = diagnoseExchange(exchange);
    tally.add(findings);
    yield `    ${indented(exchangeJson(exchange, findings, options.includeTokens), 4)}${index < last ? ',' : ''}`;
  }
  yield '  ],';
  yield `  "findings": ${indented(
    tally.groups().map(({ finding, count }) => ({ ...findingJson(finding), count })),
    2,
  )}`;
  yield '}';
}
