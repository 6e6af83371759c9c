// The stable JSON of `authscope analyze --json` (docs/json.md): per exchange its legs, mechanism, outcome and
// findings, then every finding de-duplicated. Tokens are credentials: left out unless asked for.
import { dedupeFindings, diagnoseExchange } from '../diagnosis/engine';
import { findingJson } from '../diagnosis/json';
import type { ImportedSession } from '../import/analyze';
import type { AuthItem, Exchange } from '../exchange/model';
import { summarizeExchange } from '../exchange/summary';

const sent = (item: AuthItem | null | undefined, includeTokens: boolean, bytes: number | null) =>
  item ? { scheme: item.scheme, bytes: item.summary?.byteLength ?? bytes, token: includeTokens ? item.token : null } : null;

function exchangeJson(exchange: Exchange, includeTokens: boolean) {
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
    findings: diagnoseExchange(exchange).map(findingJson),
  };
}

export function analysisJson(session: ImportedSession, options: { includeTokens: boolean } = { includeTokens: false }) {
  const all = [...session.exchanges.flatMap((exchange) => diagnoseExchange(exchange)), ...session.findings];
  return {
    source: session.source,
    browser: session.browser,
    exchanges: session.exchanges.map((exchange) => exchangeJson(exchange, options.includeTokens)),
    findings: dedupeFindings(all).map(({ finding, count }) => ({ ...findingJson(finding), count })),
  };
}
