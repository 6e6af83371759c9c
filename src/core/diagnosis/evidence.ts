// Shared ways to cite evidence from an exchange, so every rule points at legs and headers the same way.
import { describeAuthItem } from '../exchange/describe';
import type { AuthItem, Exchange } from '../exchange/model';
import type { Evidence, ExchangeContext, FindingSeverity, RuleId, Verdict } from './finding';

export { describeAuthItem };

export interface VerdictParts {
  readonly severity: FindingSeverity;
  readonly title: string;
  readonly evidence: readonly Evidence[];
  readonly subject?: string;
}

export function verdict(id: RuleId, context: ExchangeContext, parts: VerdictParts): Verdict {
  return { id, exchangeId: context.exchange.id, url: context.exchange.url, ...parts };
}

/** The first leg whose response offered these challenges (WWW- or Proxy-Authenticate). */
export function offeredEvidence(exchange: Exchange): Evidence[] {
  const index = exchange.legs.findIndex((leg) => (leg.response?.challenges.length ?? 0) + (leg.response?.proxyChallenges.length ?? 0) > 0);
  const response = exchange.legs[index]?.response;
  if (!response) return [];
  const offers: [string, readonly AuthItem[]][] = [
    ['WWW-Authenticate', response.challenges],
    ['Proxy-Authenticate', response.proxyChallenges],
  ];
  return offers
    .filter(([, items]) => items.length > 0)
    .map(([header, items]) => ({
      leg: index,
      source: 'response',
      name: `${response.status} ${header}`,
      value: items.map(describeAuthItem).join(' · '),
    }));
}

/** Every credential the browser showed it sent. */
export function sentEvidence(exchange: Exchange): Evidence[] {
  return exchange.legs.flatMap((leg, index): Evidence[] => {
    const sent: Evidence[] = [];
    if (leg.request?.credentials)
      sent.push({ leg: index, source: 'request', name: 'Authorization', value: describeAuthItem(leg.request.credentials) });
    if (leg.request?.proxyCredentials) {
      sent.push({ leg: index, source: 'request', name: 'Proxy-Authorization', value: describeAuthItem(leg.request.proxyCredentials) });
    }
    return sent;
  });
}

/** Server tokens (NTLM CHALLENGE, SPNEGO answers, KRB-ERROR) with the leg that carried them. */
export function serverTokenEvidence(exchange: Exchange): Evidence[] {
  return exchange.legs.flatMap((leg, index) =>
    [...(leg.response?.challenges ?? []), ...(leg.response?.proxyChallenges ?? [])]
      .filter((item) => item.summary !== null)
      .map((item): Evidence => ({
        leg: index,
        source: 'token',
        name: `${leg.response?.status} ${item.scheme} token`,
        value: describeAuthItem(item),
      })),
  );
}

/** "401 → 401 → 200", with ✕ for an error and … for a leg without an answer. */
/** "401 → 401 → 200"; a run of three or more equal statuses is written once with its count ("401 ×32"). */
export function statusChain(exchange: Exchange): string {
  const runs: { status: string; count: number }[] = [];
  for (const leg of exchange.legs) {
    const status = leg.response ? String(leg.response.status) : '…';
    const last = runs.at(-1);
    if (last?.status === status) last.count += 1;
    else runs.push({ status, count: 1 });
  }
  const chain = runs.flatMap(({ status, count }) => (count >= 3 ? [`${status} ×${count}`] : Array<string>(count).fill(status)));
  if (exchange.error) chain.push(`✕ ${exchange.error}`);
  return chain.join(' → ');
}

/** Why an exchange lacks legs: Chromium hides the ones carrying its own tokens (`browser`), or AuthScope watched only
 *  the final response of a site it was not yet watching fully (`final-response-only`, issue 19's cheap listeners). */
export type MissingLegs = 'browser' | 'final-response-only';

export function missingLegs(exchange: Exchange): MissingLegs | null {
  if (!exchange.hiddenLegs) return null;
  return exchange.finalResponseOnly ? 'final-response-only' : 'browser';
}

/** What the status chain leaves out, in words. */
const MISSING_LEGS_NOTE: Record<MissingLegs, string> = {
  browser: ' (legs hidden by the browser)',
  'final-response-only': ' (final response only: AuthScope was not yet watching this site fully)',
};

export function statusEvidence(exchange: Exchange): Evidence {
  const missing = missingLegs(exchange);
  return { leg: null, source: 'summary', name: 'status chain', value: statusChain(exchange) + (missing ? MISSING_LEGS_NOTE[missing] : '') };
}

/** Every credential sent, newest last. */
export function sentItems(exchange: Exchange): { readonly leg: number; readonly item: AuthItem }[] {
  return exchange.legs.flatMap((leg, index) => {
    const item = leg.request?.credentials ?? leg.request?.proxyCredentials ?? null;
    return item ? [{ leg: index, item }] : [];
  });
}

/** Credentials on the exchange's first leg, before any challenge on it (set by a page script, or pre-authentication). */
export function credentialsBeforeChallenge(exchange: Exchange): AuthItem | null {
  const first = exchange.legs[0]?.request;
  return first?.visible ? (first.credentials ?? first.proxyCredentials) : null;
}

export const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};
