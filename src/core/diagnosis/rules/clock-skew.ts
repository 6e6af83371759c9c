// clock-skew: the server's clock and the browser's differ by more than Kerberos tolerates (5 minutes by default:
// RFC 4120 §1.6 and KRB_AP_ERR_SKEW; Windows "Maximum tolerance for computer clock synchronization"). Read from a
// response's Date header (RFC 9110 §6.6.1, one-second resolution) against the time the browser received it, or from
// an NTLM CHALLENGE's MsvAvTimestamp (the server's FILETIME, MS-NLMP §2.2.2.1).
import type { Exchange } from '../../exchange/model';
import type { Evidence, ExchangeRule } from '../finding';
import { verdict } from '../evidence';

/** Kerberos' default maximum clock skew. */
export const MAX_SKEW_SECONDS = 5 * 60;

/** Times before this are not wall-clock times (a trace replayed from time 0), so they say nothing of a clock. */
const WALL_CLOCK_SINCE = Date.UTC(2000, 0, 1);

/** The largest difference between a server clock the exchange shows and the time its response arrived. */
export function clockSkew(exchange: Exchange): { readonly seconds: number; readonly evidence: Evidence } | null {
  let worst: { seconds: number; evidence: Evidence } | null = null;
  const consider = (serverTime: number, received: number, evidence: Evidence) => {
    if (!Number.isFinite(serverTime) || !Number.isFinite(received) || received < WALL_CLOCK_SINCE) return;
    const seconds = Math.round((serverTime - received) / 1000);
    if (!worst || Math.abs(seconds) > Math.abs(worst.seconds)) worst = { seconds, evidence };
  };
  exchange.legs.forEach((leg, index) => {
    const response = leg.response;
    if (!response) return;
    if (response.date)
      consider(Date.parse(response.date), response.time, { leg: index, source: 'response', name: 'Date', value: response.date });
    for (const challenge of response.challenges) {
      const serverTime = challenge.summary?.ntlmServerTime;
      if (serverTime) {
        consider(Date.parse(serverTime), response.time, {
          leg: index,
          source: 'token',
          name: 'NTLM CHALLENGE MsvAvTimestamp',
          value: serverTime,
        });
      }
    }
  });
  return worst;
}

const minutes = (seconds: number) => `${Math.round(Math.abs(seconds) / 60)} min`;

export const clockSkewRule: ExchangeRule = {
  ids: ['clock-skew'],
  check(context) {
    const skew = clockSkew(context.exchange);
    if (!skew || Math.abs(skew.seconds) <= MAX_SKEW_SECONDS) return [];
    const received = context.exchange.legs[skew.evidence.leg ?? 0]?.response?.time ?? 0;
    return [
      verdict('clock-skew', context, {
        severity: 'warning',
        title: `The server’s clock is ${minutes(skew.seconds)} ${skew.seconds > 0 ? 'ahead of' : 'behind'} this browser’s: over Kerberos’ 5-minute tolerance`,
        evidence: [
          skew.evidence,
          { leg: skew.evidence.leg, source: 'summary', name: 'received at (browser clock)', value: new Date(received).toISOString() },
        ],
      }),
    ];
  },
};
