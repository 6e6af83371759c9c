// spn-mismatch: the SPN the browser asked for (AP-REQ sname, NetLog, or predicted from DNS) is not HTTP/<URL host>,
// or the URL has a port the SPN leaves out. Browsers build the SPN from the canonical DNS name (CNAME target) and
// drop the port unless told otherwise (policies DisableAuthNegotiateCnameLookup / EnableAuthNegotiatePort).
import type { Evidence, ExchangeRule } from '../finding';
import { finding, hostOf, sentItems } from '../evidence';
import { chromiumPolicy } from '../policies';
import { SPN_UNKNOWN } from './no-token-sent';

function spnHost(spn: string): { host: string; port: string } {
  const [, rest = spn] = spn.split('/', 2);
  const [host = '', port = ''] = rest.split('@')[0]?.split(':') ?? [];
  return { host: host.toLowerCase(), port };
}

export const spnMismatch: ExchangeRule = {
  ids: ['spn-mismatch'],
  check(context) {
    const { exchange, summary, environment } = context;
    const urlHost = hostOf(exchange.url).toLowerCase();
    const urlPort = new URL(exchange.url).port;
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
    if (!asked) return [];
    const { host, port } = spnHost(asked.spn);
    const expected = `HTTP/${urlHost}`;
    const kerberosFailed = summary.mechanism !== 'kerberos' || summary.outcome !== 'authenticated';
    if (host !== urlHost) {
      return [
        finding('spn-mismatch', context, {
          severity: kerberosFailed ? 'warning' : 'info',
          title: `The browser asks for ${asked.spn}, not ${expected}`,
          evidence: [asked.evidence, { leg: null, source: 'summary', name: 'URL host', value: urlHost }],
          explanation:
            `The URL says ${urlHost}, but the browser resolved it to the canonical name ${host} (a CNAME) and asked the KDC ` +
            `for ${asked.spn}. The SPN must be registered for the name the browser asks for.` +
            (kerberosFailed
              ? ''
              : ' Kerberos worked here, so that SPN is registered; other browsers or settings may ask for the URL name.'),
          fixes: [
            {
              text: `Register ${asked.spn} on the site’s account (the account holding ${expected} is not asked).`,
              commands: [`setspn -Q ${asked.spn}`, `setspn -Q ${expected}`],
            },
            { text: 'Or make the browser use the URL name.', settings: chromiumPolicy('DisableAuthNegotiateCnameLookup', true) },
          ],
        }),
      ];
    }
    // Only when the KDC said it does not know the SPN the browser asked for (NetLog): a ticket in hand (AP-REQ)
    // proves the port-less SPN exists, and without the KDC's answer the port is a guess.
    const unknownToKdc = (exchange.authLibrary?.events ?? []).some((event) => SPN_UNKNOWN.test(event.detail));
    if (urlPort && !port && unknownToKdc && asked.evidence.source === 'netlog') {
      return [
        finding('spn-mismatch', context, {
          severity: 'warning',
          title: `The SPN ${asked.spn} leaves out port ${urlPort}`,
          evidence: [asked.evidence, { leg: null, source: 'summary', name: 'URL port', value: urlPort }],
          explanation:
            `Browsers leave the port out of the SPN by default. If the site’s account has HTTP/${urlHost}:${urlPort} but not ` +
            `${expected}, Kerberos fails.`,
          fixes: [
            {
              text: `Register ${expected} on the site’s account.`,
              commands: [`setspn -Q ${expected}`, `setspn -Q HTTP/${urlHost}:${urlPort}`],
            },
            { text: 'Or include the port in the SPN.', settings: chromiumPolicy('EnableAuthNegotiatePort', true) },
          ],
        }),
      ];
    }
    return [];
  },
};
