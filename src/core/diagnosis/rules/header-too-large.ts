// header-too-large: HTTP 400 (http.sys, Apache) or 431 (RFC 6585 §5) after a large credential — Kerberos token
// bloat against http.sys MaxFieldLength / MaxRequestBytes, Apache LimitRequestFieldSize, or a proxy's limit.
import type { Exchange } from '../../exchange/model';
import type { ExchangeRule } from '../finding';
import { sentEvidence, statusEvidence, verdict } from '../evidence';

/** The largest credential token the browser showed, in bytes (0 when it hid them). */
export function largestTokenBytes(exchange: Exchange): number {
  return Math.max(0, ...exchange.legs.map((leg) => leg.request?.credentials?.summary?.byteLength ?? 0));
}

export const headerTooLarge: ExchangeRule = {
  ids: ['header-too-large'],
  check(context) {
    const { summary, exchange } = context;
    if (summary.outcome !== 'header-too-large') return [];
    const tokenBytes = largestTokenBytes(exchange);
    const final = exchange.legs.at(-1)?.response;
    const server = final?.server ?? null;
    const status = final?.status ?? 400;
    return [
      verdict('header-too-large', context, {
        severity: 'error',
        title: `HTTP ${status} after the credential: the request header is too large${tokenBytes ? ` (token ${tokenBytes} bytes)` : ''}`,
        evidence: [
          ...sentEvidence(exchange),
          ...(server ? [{ leg: exchange.legs.length - 1, source: 'response' as const, name: `${status} Server`, value: server }] : []),
          statusEvidence(exchange),
        ],
      }),
    ];
  },
};
