// no-token-sent: the server challenged and the browser never answered. Refined by not-allowlisted, spn-unknown
// and no-kerberos-credentials when the evidence (a NetLog's auth-library events) says which; otherwise the
// finding names all three and how to tell them apart.
import type { Evidence, ExchangeContext, ExchangeRule, Verdict } from '../finding';
import { hostOf, offeredEvidence, statusEvidence, verdict } from '../evidence';

/** GSSAPI / SSPI wording for "the KDC has no such service principal". */
export const SPN_UNKNOWN = /server \S* ?not found in kerberos database|KDC_ERR_S_PRINCIPAL_UNKNOWN|SEC_E_TARGET_UNKNOWN|0x80090303/i;
const NO_CREDENTIALS =
  /no kerberos credentials|no credentials (were supplied|are available)|credentials cache|ccache|SEC_E_NO_CREDENTIALS|0x8009030e/i;

function libraryEvidence(context: ExchangeContext, pattern: RegExp): Evidence[] {
  return (context.exchange.authLibrary?.events ?? [])
    .filter((event) => pattern.test(event.detail))
    .map((event) => ({ leg: null, source: 'netlog', name: event.event, value: event.detail }));
}

/** What the browser's auth library (a NetLog) said kept it from Kerberos, each with its evidence (empty: not said). */
export function libraryCauses(context: ExchangeContext): {
  readonly notAllowlisted: Evidence[];
  readonly spnUnknown: Evidence[];
  readonly noCredentials: Evidence[];
} {
  return {
    notAllowlisted:
      context.exchange.authLibrary?.allowsDefaultCredentials === false
        ? [{ leg: null, source: 'netlog', name: 'AUTH_HANDLER_CREATE_RESULT', value: 'allows_default_credentials: false' }]
        : [],
    spnUnknown: libraryEvidence(context, SPN_UNKNOWN),
    noCredentials: libraryEvidence(context, NO_CREDENTIALS),
  };
}

/** The SPN the browser asked for: the auth library's name, else the one built from the URL host. */
export function requestedSpn(context: ExchangeContext): string {
  return context.exchange.authLibrary?.spn ?? `HTTP/${hostOf(context.exchange.url)}`;
}

export const noTokenSent: ExchangeRule = {
  ids: ['no-token-sent', 'not-allowlisted', 'spn-unknown', 'no-kerberos-credentials'],
  check(context) {
    const { summary, exchange } = context;
    if (summary.outcome !== 'no-token-sent') return [];
    const base = [...offeredEvidence(exchange), statusEvidence(exchange)];
    const verdicts: Verdict[] = [
      verdict('no-token-sent', context, {
        severity: 'error',
        title: 'The server asked for Windows authentication and the browser sent no token',
        evidence: base,
      }),
    ];
    const { notAllowlisted, spnUnknown, noCredentials } = libraryCauses(context);
    if (notAllowlisted.length > 0) {
      verdicts.push(
        verdict('not-allowlisted', context, {
          severity: 'error',
          title: `${hostOf(exchange.url)} is not allowed to receive your Windows credentials`,
          evidence: [...base, ...notAllowlisted],
        }),
      );
    }
    if (spnUnknown.length > 0) {
      verdicts.push(
        verdict('spn-unknown', context, {
          severity: 'error',
          title: `The KDC does not know the SPN ${requestedSpn(context)}`,
          evidence: [...base, ...spnUnknown],
        }),
      );
    }
    if (noCredentials.length > 0) {
      verdicts.push(
        verdict('no-kerberos-credentials', context, {
          severity: 'error',
          title: 'No Kerberos credentials: the user has no ticket-granting ticket',
          evidence: [...base, ...noCredentials],
        }),
      );
    }
    return verdicts;
  },
};
