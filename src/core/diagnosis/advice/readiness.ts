// Advice for the 2026-readiness findings: ntlm-dependency, ip-host, no-channel-binding, clock-skew and
// http11-required (their rules are in ../rules). Windows is turning network NTLM off by default, RC4 off for
// Kerberos tickets, and Extended Protection on: each turns a silent NTLM fallback into an outage.
import { command, withCommands } from './command';
import type { Adviser, Fix, RuleId } from '../finding';
import { hostOf } from '../evidence';
import { ntlmCause } from '../rules/ntlm-dependency';
import { MAX_SKEW_SECONDS } from '../rules/clock-skew';
import { allowlistSettings } from '../policies';
import { advice } from './common';
import { SOURCES } from './sources';

/** What lets Kerberos work, for each reason it was not used: the fixes and the one next step. */
function kerberosRoute(cause: ReturnType<typeof ntlmCause>['cause'], host: string): { fixes: Fix[]; next: string } {
  const spn = `HTTP/${host}`;
  switch (cause) {
    case 'ip-host':
      return {
        fixes: [
          {
            text: 'Use the server’s DNS name in links and bookmarks, and register HTTP/<name> on the account the site runs as. (Windows clients ask for a ticket for an address only with the TryIPSPN policy and an SPN registered for the address.)',
          },
        ],
        next: 'Use the server’s DNS name instead of its address.',
      };
    case 'ntlm-only':
      return {
        fixes: [
          {
            text: 'Offer Negotiate: IIS → Authentication → Windows Authentication → Providers, Negotiate above NTLM (or the application’s own setting), then register the SPN.',
            ...withCommands(command`setspn -Q ${spn}`),
          },
        ],
        next: 'Before NTLM is turned off: offer Negotiate on the server and register its SPN.',
      };
    case 'spn-unknown':
      return {
        fixes: [
          {
            text: `Register ${spn} once, on the account the site runs as.`,
            ...withCommands(command`setspn -Q ${spn}`, command`setspn -S ${spn} DOMAIN\\serviceAccount`),
          },
        ],
        next: `Register ${spn} on the account the site runs as.`,
      };
    case 'no-kerberos-credentials':
      return {
        fixes: [
          {
            text: 'Sign in with a domain account on a computer that can reach a domain controller (VPN, DNS for the domain), then check the ticket.',
            commands: ['klist', 'klist tgt'],
          },
        ],
        next: 'Get the user a Kerberos ticket: a domain sign-in with a domain controller in reach.',
      };
    case 'not-allowlisted':
      return {
        fixes: [{ text: `Allow ${host} for ambient authentication, keeping what is there.`, settings: allowlistSettings(host) }],
        next: `Add ${host} to the browser’s allowlist, keeping what is there.`,
      };
    default:
      return {
        fixes: [
          {
            text: `Find why Kerberos was not used: can this computer get a ticket for ${spn}? (authscope probe asks this computer the browser’s question; a NetLog shows the browser’s own answer.)`,
            ...withCommands(command`klist get ${spn}`, command`setspn -Q ${spn}`),
          },
        ],
        next: 'Find why Kerberos was not used, before NTLM is turned off.',
      };
  }
}

export const readinessAdvice = {
  'ntlm-dependency': (_verdict, context) => {
    const host = hostOf(context.exchange.url);
    const why = ntlmCause(context);
    return advice(
      'This exchange signed in with NTLM. Microsoft has deprecated NTLM and is turning network NTLM off by default in ' +
        'coming Windows releases (NTLMv1 is already removed from Windows 11 24H2 and Windows Server 2025); where it is ' +
        'blocked — by that default, by "Network security: Restrict NTLM" policies, or by Protected Users — this site stops ' +
        'signing in. ' +
        (why.cause ? `Kerberos was not used because ${why.said}.` : 'Why Kerberos was not used is not visible in this capture.'),
      { ...kerberosRoute(why.cause, host), sources: [SOURCES.ntlmDeprecation, SOURCES.ntlmOffByDefault] },
    );
  },
  'ip-host': (_verdict, { exchange }) =>
    advice(
      'Browsers build the Kerberos service name from the host name in the URL (HTTP/<host>). For an IP address there ' +
        'is no such name: Windows asks for no ticket (unless the TryIPSPN policy is set and an SPN for the address is ' +
        'registered), other systems find none, so the browser falls back to NTLM — which fails where NTLM is blocked.',
      { ...kerberosRoute('ip-host', hostOf(exchange.url)), sources: [SOURCES.kerberosIp] },
    ),
  'no-channel-binding': () =>
    advice(
      'Over HTTPS, an NTLMv2 AUTHENTICATE can bind itself to the TLS channel (MsvAvChannelBindings: a hash of the ' +
        'server certificate, RFC 5929 tls-server-end-point), so a relay on another connection is useless. This one ' +
        'binds to nothing. A server whose Extended Protection for Authentication is Required refuses it (IIS ' +
        'extendedProtection tokenChecking="Require"; on by default in newer Exchange, AD CS and LDAP), and a ' +
        'TLS-terminating proxy or load balancer in front of a server that checks the binding breaks it for every client.',
      {
        fixes: [
          {
            text: 'Before requiring Extended Protection, make sure clients bind (current Windows browsers do; check this browser and any proxy that terminates TLS), or keep tokenChecking at "Allow".',
          },
          { text: 'Better: make Kerberos work for this site, which does not depend on NTLM at all.' },
        ],
        sources: [SOURCES.extendedProtection],
        next: 'Keep Extended Protection at Allow until every client binds, or move the site to Kerberos.',
      },
    ),
  'clock-skew': () =>
    advice(
      `Kerberos refuses tickets and authenticators whose time differs from the server’s by more than ${MAX_SKEW_SECONDS / 60} minutes ` +
        '(KRB_AP_ERR_SKEW): with clocks this far apart Kerberos fails and browsers fall back to NTLM, or fail outright ' +
        'where NTLM is blocked. Domain members take their time from the domain hierarchy (w32time).',
      {
        fixes: [
          {
            text: 'Check and resynchronise the time on the client and on the server.',
            commands: ['w32tm /query /status', 'w32tm /resync', 'timedatectl'],
          },
        ],
        sources: [SOURCES.rfc4120],
        next: 'Fix the clock of the client or the server (w32tm /resync, timedatectl).',
      },
    ),
  'http11-required': () =>
    advice(
      'Negotiate and NTLM authenticate a connection, not a request, so they cannot run over HTTP/2’s shared ' +
        'connection: IIS resets the stream with HTTP_1_1_REQUIRED and the browser reconnects over HTTP/1.1 (Chromium ' +
        'also switches by itself when it meets a connection-based challenge). It works, at the cost of a new ' +
        'connection and a retried request each time.',
      {
        fixes: [
          {
            text: 'Nothing is required. To avoid the retry, serve the authenticated site over HTTP/1.1 (IIS: disable HTTP/2 for the binding), or use Kerberos with a single round trip.',
          },
        ],
        sources: [SOURCES.http2Windows],
      },
    ),
} satisfies Partial<Record<RuleId, Adviser>>;
