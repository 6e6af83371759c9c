// no-token-sent: the server challenged and the browser never answered. Refined by not-allowlisted, spn-unknown
// and no-kerberos-credentials when the evidence (a NetLog's auth-library events) says which; otherwise the
// finding names all three and how to tell them apart.
import type { Evidence, ExchangeContext, ExchangeRule, Finding } from '../finding';
import { finding, hiddenLegsNote, hostOf, offeredEvidence, statusEvidence } from '../evidence';
import { HOW_TO_CHECK_POLICIES, allowlistPatternFor, allowlistSettings, chromiumPolicy } from '../policies';

/** GSSAPI / SSPI wording for "the KDC has no such service principal". */
export const SPN_UNKNOWN = /server \S* ?not found in kerberos database|KDC_ERR_S_PRINCIPAL_UNKNOWN|SEC_E_TARGET_UNKNOWN|0x80090303/i;
const NO_CREDENTIALS =
  /no kerberos credentials|no credentials (were supplied|are available)|credentials cache|ccache|SEC_E_NO_CREDENTIALS|0x8009030e/i;

function libraryEvidence(context: ExchangeContext, pattern: RegExp): Evidence[] {
  return (context.exchange.authLibrary?.events ?? [])
    .filter((event) => pattern.test(event.detail))
    .map((event) => ({ leg: null, source: 'netlog', name: event.event, value: event.detail }));
}

function notAllowlisted(context: ExchangeContext, base: Evidence[]): Finding {
  const host = hostOf(context.exchange.url);
  const pattern = allowlistPatternFor(host);
  return finding('not-allowlisted', context, {
    severity: 'error',
    title: `${host} is not allowed to receive your Windows credentials`,
    evidence: [...base, { leg: null, source: 'netlog', name: 'AUTH_HANDLER_CREATE_RESULT', value: 'allows_default_credentials: false' }],
    explanation:
      'The browser only answers Negotiate/NTLM with the logged-on user’s credentials for sites it trusts: the ' +
      'AuthServerAllowlist policy (Chrome, Edge; on Windows without the policy, the Local intranet zone) or ' +
      'network.negotiate-auth.trusted-uris (Firefox). This host is not on the list, so no token was sent. ' +
      HOW_TO_CHECK_POLICIES,
    fixes: [
      {
        text: `Allow ${pattern} for ambient authentication.`,
        settings: allowlistSettings(host),
      },
      {
        text: 'On Windows without the policy, add the site to the Local intranet zone (Internet Options → Security → Local intranet → Sites, or the "Site to Zone Assignment List" GPO, value 1).',
      },
    ],
  });
}

export const noTokenSent: ExchangeRule = {
  ids: ['no-token-sent', 'not-allowlisted', 'spn-unknown', 'no-kerberos-credentials'],
  check(context) {
    const { summary, exchange } = context;
    if (summary.outcome !== 'no-token-sent') return [];
    const host = hostOf(exchange.url);
    const base = [...offeredEvidence(exchange), statusEvidence(exchange)];
    const library = exchange.authLibrary;
    const findings: Finding[] = [
      finding('no-token-sent', context, {
        severity: 'error',
        title: 'The server asked for Windows authentication and the browser sent no token',
        evidence: base,
        explanation:
          'The server answered 401 with a Negotiate/NTLM challenge and the browser did not answer it with credentials. ' +
          'The three usual causes: the site is not trusted for default credentials, the KDC does not know the SPN, or ' +
          'the user has no Kerberos ticket (not logged on to the domain, no KDC reachable).',
        fixes: [
          {
            text: `Is ${host} trusted for default credentials? ${HOW_TO_CHECK_POLICIES}`,
            settings: chromiumPolicy('AuthServerAllowlist', allowlistPatternFor(host)),
          },
          { text: 'Does the KDC know the SPN?', commands: [`setspn -Q HTTP/${host}`, `klist get HTTP/${host}`] },
          { text: 'Does the user have a ticket-granting ticket?', commands: ['klist', 'klist tgt'] },
        ],
        missing: library
          ? null
          : (hiddenLegsNote(exchange) ??
            'The browser does not tell extensions why it sent nothing; a Chromium NetLog (chrome://net-export) records the reason.'),
      }),
    ];
    if (library?.allowsDefaultCredentials === false) findings.push(notAllowlisted(context, base));
    const spnUnknown = libraryEvidence(context, SPN_UNKNOWN);
    if (spnUnknown.length > 0) {
      const spn = library?.spn ?? `HTTP/${host}`;
      findings.push(
        finding('spn-unknown', context, {
          severity: 'error',
          title: `The KDC does not know the SPN ${spn}`,
          evidence: [...base, ...spnUnknown],
          explanation:
            `The browser asked the KDC for a service ticket for ${spn} and the KDC answered that no account has this ` +
            'service principal name (KDC_ERR_S_PRINCIPAL_UNKNOWN), so Kerberos was impossible.',
          fixes: [
            {
              text: 'Register the SPN on the account the site runs as (app pool identity, or the computer account).',
              commands: [`setspn -Q ${spn}`, `setspn -S ${spn} DOMAIN\\serviceAccount`],
            },
            { text: 'If the URL host is a CNAME, the SPN is built from the canonical name; see spn-mismatch.' },
          ],
        }),
      );
    }
    const noCredentials = libraryEvidence(context, NO_CREDENTIALS);
    if (noCredentials.length > 0) {
      findings.push(
        finding('no-kerberos-credentials', context, {
          severity: 'error',
          title: 'No Kerberos credentials: the user has no ticket-granting ticket',
          evidence: [...base, ...noCredentials],
          explanation:
            'The Kerberos library had no credentials to start from: the user is not logged on to the domain (local account, ' +
            'machine not domain-joined) or the ticket cache is empty or expired (Linux/macOS: no kinit).',
          fixes: [{ text: 'Log on with a domain account, or get a ticket (Linux/macOS).', commands: ['klist', 'kinit user@REALM'] }],
        }),
      );
    }
    return findings;
  },
};
