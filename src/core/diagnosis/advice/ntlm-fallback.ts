// Advice for ntlm-fallback (rules/ntlm-fallback.ts). Causes in the order “Troubleshoot Kerberos failures in Internet Explorer” checks them: SPN, CNAME,
// port, KDC reachability, trust for credentials.
import { command, withCommands } from './command';
import type { Adviser, Fix } from '../finding';
import { hostOf } from '../evidence';
import { allowlistSettings, chromiumPolicy } from '../policies';
import { advice } from './common';

function spnCauses(host: string, port: string): Fix[] {
  const spn = `HTTP/${host}`;
  return [
    {
      text: `No SPN, or the same SPN on two accounts (KDC_ERR_S_PRINCIPAL_UNKNOWN / duplicate): ${spn} must be registered once, on the account the site runs as (the app pool identity, or the computer account for LocalSystem / NetworkService / ApplicationPoolIdentity).`,
      ...withCommands(command`setspn -Q ${spn}`, 'setspn -X', command`setspn -S ${spn} DOMAIN\\serviceAccount`),
    },
    {
      text: 'The browser builds the SPN from the canonical DNS name: a CNAME makes it ask for the target host, not the name in the URL. Register the SPN for the canonical name, use an A record, or stop the lookup.',
      ...withCommands(command`nslookup ${host}`),
      settings: [...chromiumPolicy('DisableAuthNegotiateCnameLookup', true)],
    },
    ...(port
      ? [
          {
            text: `The URL has port ${port}. Browsers leave the port out of the SPN unless told otherwise; if the account has HTTP/${host}:${port}, enable the port in the SPN (or register ${spn}).`,
            settings: chromiumPolicy('EnableAuthNegotiatePort', true),
          },
        ]
      : []),
    {
      text: 'The client cannot reach a KDC or has no ticket-granting ticket (not domain-joined, VPN down, clock skew > 5 min).',
      ...withCommands('klist', command`klist get ${spn}`, 'nltest /dsgetdc:<DOMAIN>'),
    },
    {
      text: 'The site is not trusted for default credentials, so the browser will not use Kerberos silently.',
      settings: allowlistSettings(host),
    },
  ];
}

export const ntlmFallbackAdvice: Adviser = (_verdict, { exchange, summary }) => {
  const reading = summary.mechanismReading;
  const via =
    summary.mechanismEvidence === 'client-token'
      ? 'the browser answered with an NTLM token'
      : summary.mechanismEvidence === 'server-token'
        ? 'the server continued with an NTLM CHALLENGE'
        : summary.mechanismEvidence === 'prompt'
          ? 'the browser asked for NTLM credentials'
          : summary.mechanismEvidence === 'netlog'
            ? `the browser's NetLog shows NTLM (${reading.reason})`
            : `NTLM was used — inferred: ${reading.reason}`;
  return advice(
    `The server offered Negotiate, which prefers Kerberos, but ${via}. Negotiate falls back to NTLM silently when ` +
      'the browser cannot get a Kerberos service ticket for the server. It works, but each connection costs a domain ' +
      'controller round trip, credentials cannot be delegated to a back end, and it is a sign of a broken Kerberos setup.',
    {
      fixes: spnCauses(hostOf(exchange.url), new URL(exchange.url).port),
      next: `Make Kerberos work for ${hostOf(exchange.url)}: register HTTP/${hostOf(exchange.url)} on the site’s account and trust the site for default credentials.`,
      missing:
        summary.mechanismEvidence === 'client-token'
          ? null
          : 'Which cause applies shows in the browser’s own token and its GSSAPI/SSPI result: import a NetLog (Chromium) or check in Firefox.',
    },
  );
};
