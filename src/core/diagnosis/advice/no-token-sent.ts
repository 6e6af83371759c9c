// Advice for no-token-sent and its refinements not-allowlisted, spn-unknown and no-kerberos-credentials
// (rules/no-token-sent.ts).
import { serverOf } from '../../exchange/server';
import { command, withCommands } from './command';
import type { Exchange } from '../../exchange/model';
import type { Adviser, Fix, RuleId } from '../finding';
import { hostOf } from '../evidence';
import { HOW_TO_CHECK_POLICIES, allowlistPatternFor, allowlistSettings, chromiumPolicy, settingSafeOrigin } from '../policies';
import { requestedSpn } from '../rules/no-token-sent';
import { advice, hiddenLegsNote } from './common';

/** The NetLog says the Negotiate handler could not be created because the auth library was not loaded
 *  (net::ERR_UNSUPPORTED_AUTH_SCHEME, −339): the first challenge after Chromium starts (docs/platform-notes.md). */
const libraryNotLoaded = (exchange: Exchange): boolean =>
  (exchange.authLibrary?.handlers ?? []).some(
    (handler) => handler.scheme === 'negotiate' && handler.netError === 'net::ERR_UNSUPPORTED_AUTH_SCHEME',
  );

/** The browser may be told not to answer a scheme at all (AuthSchemes), or a page on another origin may be kept
 *  from reaching an intranet host (Local Network Access): the settings that undo each, for this exchange. */
function schemePolicyFixes(exchange: Exchange): Fix[] {
  const origin = settingSafeOrigin(exchange.url);
  const fixes: Fix[] = [
    {
      text: 'Does the browser answer Negotiate and NTLM at all? The AuthSchemes policy must list them (the default is "basic,digest,ntlm,negotiate"), or the site must be in AllHttpAuthSchemesAllowedForOrigins.',
      settings: [
        ...chromiumPolicy('AuthSchemes', 'basic,digest,ntlm,negotiate'),
        ...(origin ? chromiumPolicy('AllHttpAuthSchemesAllowedForOrigins', origin) : []),
      ],
    },
  ];
  const page = exchange.initiator ? settingSafeOrigin(exchange.initiator) : null;
  if (page && page !== origin) {
    fixes.push({
      text: `A page on ${page} loaded this URL. Chrome’s Local Network Access checks keep public pages from reaching hosts on the local network unless allowed: if ${page} is yours, allow it.`,
      settings: chromiumPolicy('LocalNetworkAccessAllowedForUrls', page),
    });
  }
  return fixes;
}

export const noTokenSentAdvice = {
  'no-token-sent': (_verdict, { exchange }) => {
    const host = hostOf(exchange.url);
    if (libraryNotLoaded(exchange)) {
      return advice(
        'Chromium could not load its Kerberos library for this challenge (net::ERR_UNSUPPORTED_AUTH_SCHEME on the ' +
          'Negotiate handler). On Linux and macOS the first Negotiate challenge after the browser starts fails this way ' +
          'before the GSSAPI library is loaded; the next one works. Reload the page: if the next attempt authenticates, ' +
          'nothing is wrong with the site. If it keeps failing, the GSSAPI library is missing (Debian: libgssapi-krb5-2) ' +
          'or the AuthSchemes / GSSAPILibraryName policy excludes Negotiate.',
        { fixes: [{ text: 'Reload the page and check the next exchange to this site.' }] },
      );
    }
    return advice(
      'The server answered 401 with a Negotiate/NTLM challenge and the browser did not answer it with credentials. ' +
        'The three usual causes: the site is not trusted for default credentials, the KDC does not know the SPN, or ' +
        'the user has no Kerberos ticket (not logged on to the domain, no KDC reachable).' +
        (exchange.browser === 'chromium' && !exchange.authLibrary
          ? ' In Chromium on Linux or macOS, the first Negotiate challenge after the browser starts also fails once ' +
            '(its Kerberos library is not loaded yet): if a reload authenticates, that was it.'
          : ''),
      {
        fixes: [
          {
            text: `Is ${host} trusted for default credentials? ${HOW_TO_CHECK_POLICIES}`,
            settings: allowlistSettings(host),
          },
          { text: 'Does the KDC know the SPN?', ...withCommands(command`setspn -Q HTTP/${host}`, command`klist get HTTP/${host}`) },
          { text: 'Does the user have a ticket-granting ticket?', commands: ['klist', 'klist tgt'] },
          ...schemePolicyFixes(exchange),
        ],
        next: 'Check the three causes below: the allowlist, the SPN, the user’s ticket.',
        missing: exchange.authLibrary
          ? null
          : (hiddenLegsNote(exchange) ??
            (exchange.browser === 'firefox'
              ? 'Firefox does not tell extensions why it sent nothing; its HTTP log records the reason (about:logging, preset "Networking" plus the negotiateauth module).'
              : 'The browser does not tell extensions why it sent nothing; a Chromium NetLog (chrome://net-export) records the reason.')),
      },
    );
  },
  'not-allowlisted': (_verdict, { exchange }) => {
    const host = hostOf(exchange.url);
    return advice(
      'The browser only answers Negotiate/NTLM with the logged-on user’s credentials for sites it trusts: the ' +
        'AuthServerAllowlist policy (Chrome, Edge; on Windows without the policy, the Local intranet zone) or ' +
        'network.negotiate-auth.trusted-uris (Firefox). This host is not on the list, so no token was sent. ' +
        HOW_TO_CHECK_POLICIES,
      {
        fixes: [
          { text: `Allow ${allowlistPatternFor(host)} for ambient authentication.`, settings: allowlistSettings(host) },
          {
            text: 'On Windows without the policy, add the site to the Local intranet zone (Internet Options → Security → Local intranet → Sites, or the "Site to Zone Assignment List" GPO, value 1).',
          },
        ],
        next: `Add ${allowlistPatternFor(host)} to the browser’s allowlist (AuthServerAllowlist; Firefox: network.negotiate-auth.trusted-uris), keeping what is there.`,
      },
    );
  },
  'spn-unknown': (_verdict, context) => {
    const spn = requestedSpn(context);
    const kind = serverOf(context.exchange)?.kind ?? 'other';
    const activeDirectory = {
      text: 'Active Directory: register the SPN on the account the site runs as (app pool identity, or the computer account).',
      ...withCommands(command`setspn -Q ${spn}`, command`setspn -S ${spn} DOMAIN\\serviceAccount`),
    };
    const mitKdc = {
      text: `MIT or Heimdal KDC (a Linux server): create the principal ${spn} and put its key in the server's keytab.`,
      ...withCommands(command`kadmin -q "addprinc -randkey ${spn}"`, command`kadmin -q "ktadd -k <keytab> ${spn}"`),
    };
    return advice(
      `The browser asked the KDC for a service ticket for ${spn} and the KDC answered that no account has this ` +
        'service principal name (KDC_ERR_S_PRINCIPAL_UNKNOWN), so Kerberos was impossible.',
      {
        fixes: [
          ...(kind === 'iis'
            ? [activeDirectory]
            : kind === 'apache' || kind === 'nginx'
              ? [activeDirectory, mitKdc]
              : [activeDirectory, mitKdc]),
          { text: 'If the URL host is a CNAME, the SPN is built from the canonical name; see spn-mismatch.' },
        ],
        next: `Register ${spn} on the site’s account (setspn -S), or use the host name it is registered for.`,
      },
    );
  },
  'no-kerberos-credentials': () =>
    advice(
      'The Kerberos library had no credentials to start from: the user is not logged on to the domain (local account, ' +
        'machine not domain-joined) or the ticket cache is empty or expired (Linux/macOS: no kinit).',
      { fixes: [{ text: 'Log on with a domain account, or get a ticket (Linux/macOS).', commands: ['klist', 'kinit user@REALM'] }] },
    ),
} satisfies Partial<Record<RuleId, Adviser>>;
