// Advice for weak-etype, ntlm-v1 and anonymous-ntlm (rules/token-weaknesses.ts): they need only the verdict,
// so a lone pasted token gets the same advice as an exchange.
import type { Client } from '../../exchange/events';
import type { Exchange } from '../../exchange/model';
import { NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY } from '../../decode/ntlm/constants';
import type { Adviser, Advice, Fix, RuleId, TokenAdviser, Verdict } from '../finding';
import { chromiumPolicy, firefoxPref } from '../policies';
import { advice } from './common';
import { SOURCES } from './sources';

/** Windows SSPI, which Chrome, Edge and Firefox use on Windows, answers as the LAN Manager authentication level says. */
const WINDOWS_LEVEL: Fix = {
  text: 'On Windows, browsers answer through SSPI, which follows "Network security: LAN Manager authentication level": set it to "Send NTLMv2 response only. Refuse LM & NTLM" (LmCompatibilityLevel = 5) on clients and domain controllers.',
  commands: ['reg query HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa /v LmCompatibilityLevel'],
};

/** Chromium's own NTLM (not on Windows) sends NTLMv2 unless the NtlmV2Enabled policy turns it off. */
const CHROMIUM_OWN: Fix = {
  text: 'Chrome, Edge and Chromium on Linux, macOS and Android use their own NTLM, which sends NTLMv2 unless the NtlmV2Enabled policy is false: remove that setting or set it to true.',
  settings: chromiumPolicy('NtlmV2Enabled', true).filter((setting) => setting.platform !== 'windows'),
};

/** Firefox's built-in NTLM (Linux, macOS, or network.auth.force-generic-ntlm) sends NTLMv2 unless forced to v1. */
const FIREFOX_OWN: Fix = {
  text: 'Firefox’s built-in NTLM (Linux, macOS, or network.auth.force-generic-ntlm) sends NTLMv2 unless network.auth.force-generic-ntlm-v1 is true; older Firefox sent NTLMv1 only, where network.negotiate-auth.allow-insecure-ntlm-v1 allowed it. Set network.auth.force-generic-ntlm-v1 to false.',
  settings: firefoxPref('network.auth.force-generic-ntlm-v1', false),
};

/** curl decides from the server's CHALLENGE (lib/vauth/ntlm.c), so the fix is the server's. */
const CURL_SERVER: Fix = {
  text: 'curl sends NTLMv2 only when the server’s CHALLENGE allows it — since curl 7.64.0 when it sets NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY, before that when it carries TargetInfo — and NTLMv1 or the NTLM2 session response otherwise, whatever its options. Make the server’s NTLM offer extended session security and TargetInfo, as Windows servers do (MS-NLMP §3.2.5.1.1), or upgrade an old curl.',
};

/** The server's NTLM CHALLENGE in an exchange (bare or in a SPNEGO answer), with the leg it came on. */
function serverChallenge(exchange: Exchange) {
  for (const [leg, step] of exchange.legs.entries()) {
    const found = (step.response?.challenges ?? []).find(
      (item) => item.summary?.kind === 'ntlm-challenge' || item.summary?.innerKind === 'ntlm-challenge',
    );
    if (found?.summary) return { leg, summary: found.summary };
  }
  return null;
}

/** What the CHALLENGE said that makes curl answer v1, or null when it is not visible. */
function challengeFacts(exchange: Exchange): string | null {
  const challenge = serverChallenge(exchange);
  if (!challenge) return null;
  const ess = ((challenge.summary.ntlmFlags ?? 0) & NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY) !== 0;
  const parts = [
    ess ? 'sets NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY' : 'lacks NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY',
    challenge.summary.ntlmTargetInfo ? 'carries TargetInfo' : 'carries no TargetInfo',
  ];
  return `The server’s CHALLENGE (leg ${challenge.leg + 1}) ${parts.join(' and ')}.`;
}

/**
 * NTLMv1 and the NTLM2 session response (MS-NLMP §3.3.1; NTLMv2 is §3.3.2): who chose it decides the fix — a browser
 * follows its own settings, curl the server's CHALLENGE.
 */
function ntlmV1(verdict: Verdict, client: Client | 'unknown', exchange?: Exchange): Advice {
  const session = verdict.title.startsWith('NTLM2 session response');
  const what = session
    ? 'the NTLM2 session response (NTLMv1 with extended session security, MS-NLMP §3.3.1)'
    : 'NTLMv1 / LM (MS-NLMP §3.3.1)';
  const risk = `The client answered the challenge with ${what}, which can be cracked offline to the password hash and relayed; NTLMv2 (§3.3.2) is what current clients send.`;
  if (client === 'curl') {
    const facts = exchange ? challengeFacts(exchange) : null;
    return advice(`${risk} curl chose it from the server’s CHALLENGE, so the fix is on the server.${facts ? ` ${facts}` : ''}`, {
      fixes: [CURL_SERVER],
      missing: facts
        ? null
        : 'The server’s CHALLENGE was not visible: it shows whether the server offered extended session security and TargetInfo.',
      sources: [SOURCES.curlNtlm],
    });
  }
  if (client === 'unknown') {
    return advice(`${risk} Who chose it decides the fix: a browser follows its own NTLM settings; curl follows the server’s CHALLENGE.`, {
      fixes: [WINDOWS_LEVEL, CHROMIUM_OWN, FIREFOX_OWN, CURL_SERVER],
      missing:
        'A lone token does not say which client sent it: decode the CHALLENGE it answered (extended session security, TargetInfo) too.',
      sources: [SOURCES.lanManagerLevel, SOURCES.chromePolicies, SOURCES.curlNtlm],
    });
  }
  return advice(`${risk} The browser chose it: its NTLM settings, or Windows’ LAN Manager authentication level, allow NTLMv1.`, {
    fixes: [WINDOWS_LEVEL, client === 'firefox' ? FIREFOX_OWN : CHROMIUM_OWN],
    sources: [SOURCES.lanManagerLevel, ...(client === 'firefox' ? [] : [SOURCES.chromePolicies])],
  });
}

/** ntlm-v1 in an exchange: the client that sent it is known (live capture, NetLog, HAR, the probe's curl). */
export const ntlmV1Advice: Adviser = (verdict, { exchange }) => ntlmV1(verdict, exchange.browser, exchange);

export const tokenWeaknessAdvice = {
  'weak-etype': () =>
    advice(
      'The KDC issued the ticket with RC4-HMAC or DES, deprecated (RFC 6649, RFC 8429). Windows domain controllers stop ' +
        'issuing RC4 service tickets by default: the January 13, 2026 updates audit it (CVE-2026-20833, KB5073381), the ' +
        'April 2026 updates enforce AES-only for accounts without msDS-SupportedEncryptionTypes, and from July 2026 the ' +
        'RC4DefaultDisablementPhase rollback is gone. This site then fails Kerberos (and falls back to NTLM, or fails ' +
        'where NTLM is blocked). RC4 is used when the service account has no AES keys or msDS-SupportedEncryptionTypes excludes AES.',
      {
        fixes: [
          {
            text: 'Enable AES on the service account (msDS-SupportedEncryptionTypes = 0x18, "This account supports Kerberos AES 128/256 bit encryption"), reset its password to create AES keys, then purge tickets.',
            commands: ['klist purge'],
          },
        ],
      },
    ),
  'ntlm-v1': (verdict) => ntlmV1(verdict, 'unknown'),
  'anonymous-ntlm': () =>
    advice(
      'The client completed NTLM as the anonymous user (no user name, empty responses): it had no credentials to use ' +
        'for this server. The server either refuses it or treats the user as anonymous.',
      { fixes: [{ text: 'Make sure the site is trusted for default credentials and the user is logged on with a domain account.' }] },
    ),
} satisfies Partial<Record<RuleId, TokenAdviser>>;
