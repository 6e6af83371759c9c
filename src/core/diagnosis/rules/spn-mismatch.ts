// spn-mismatch: the SPN the browser asked for (AP-REQ sname, NetLog, or predicted from DNS) is not HTTP/<URL host>,
// or the URL has a port the SPN leaves out. Browsers build the SPN from the canonical DNS name (CNAME target) and
// drop the port unless told otherwise (policies DisableAuthNegotiateCnameLookup / EnableAuthNegotiatePort).
// The subject says which: 'canonical-name' or 'port'.
import type { Evidence, ExchangeContext, ExchangeRule } from '../finding';
import { hostOf, sentItems, verdict } from '../evidence';
import { SPN_UNKNOWN } from './no-token-sent';

export interface SpnComparison {
  /** The SPN the browser asked for, and where that was read. */
  readonly asked: { readonly spn: string; readonly evidence: Evidence };
  /** Host and port inside the SPN (lower case; port '' when absent). */
  readonly spnHost: string;
  readonly spnPort: string;
  readonly urlHost: string;
  readonly urlPort: string;
}

/** The SPN the browser asked for, from the strongest source there is, next to the URL's host and port. */
export function compareSpn({ exchange, environment }: ExchangeContext): SpnComparison | null {
  const candidates: { spn: string; evidence: Evidence }[] = [];
  const sent = sentItems(exchange).find(({ item }) => item.summary?.spn);
  if (sent?.item.summary?.spn)
    candidates.push({
      spn: sent.item.summary.spn,
      evidence: { leg: sent.leg, source: 'token', name: 'AP-REQ sname', value: sent.item.summary.spn },
    });
  if (exchange.authLibrary?.spn)
    candidates.push({
      spn: exchange.authLibrary.spn,
      evidence: { leg: null, source: 'netlog', name: 'AUTH_LIBRARY_IMPORT_NAME', value: exchange.authLibrary.spn },
    });
  if (environment.predictedSpn)
    candidates.push({
      spn: environment.predictedSpn,
      evidence: { leg: null, source: 'browser', name: 'predicted SPN (DNS canonical name)', value: environment.predictedSpn },
    });
  const asked = candidates[0];
  if (!asked) return null;
  const [, rest = asked.spn] = asked.spn.split('/', 2);
  const [spnHost = '', spnPort = ''] = rest.split('@')[0]?.split(':') ?? [];
  let urlPort = '';
  try {
    urlPort = new URL(exchange.url).port;
  } catch {
    urlPort = '';
  }
  return { asked, spnHost: spnHost.toLowerCase(), spnPort, urlHost: hostOf(exchange.url).toLowerCase(), urlPort };
}

/** Kerberos did not end in an accepted ticket. */
export const kerberosFailed = ({ summary }: ExchangeContext): boolean =>
  summary.mechanism !== 'kerberos' || summary.outcome !== 'authenticated';

export const spnMismatch: ExchangeRule = {
  ids: ['spn-mismatch'],
  check(context) {
    const comparison = compareSpn(context);
    if (!comparison) return [];
    const { asked, spnHost, spnPort, urlHost, urlPort } = comparison;
    if (spnHost !== urlHost) {
      return [
        verdict('spn-mismatch', context, {
          severity: kerberosFailed(context) ? 'warning' : 'info',
          title: `The browser asks for ${asked.spn}, not HTTP/${urlHost}`,
          evidence: [asked.evidence, { leg: null, source: 'summary', name: 'URL host', value: urlHost }],
          subject: 'canonical-name',
        }),
      ];
    }
    // Only when the KDC said it does not know the SPN the browser asked for (NetLog): a ticket in hand (AP-REQ)
    // proves the port-less SPN exists, and without the KDC's answer the port is a guess.
    const unknownToKdc = (context.exchange.authLibrary?.events ?? []).some((event) => SPN_UNKNOWN.test(event.detail));
    if (urlPort && !spnPort && unknownToKdc && asked.evidence.source === 'netlog') {
      return [
        verdict('spn-mismatch', context, {
          severity: 'warning',
          title: `The SPN ${asked.spn} leaves out port ${urlPort}`,
          evidence: [asked.evidence, { leg: null, source: 'summary', name: 'URL port', value: urlPort }],
          subject: 'port',
        }),
      ];
    }
    return [];
  },
};
