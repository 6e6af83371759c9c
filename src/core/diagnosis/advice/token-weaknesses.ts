// Advice for weak-etype, ntlm-v1 and anonymous-ntlm (rules/token-weaknesses.ts): they need only the verdict,
// so a lone pasted token gets the same advice as an exchange.
import type { RuleId, TokenAdviser } from '../finding';
import { advice } from './common';

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
  'ntlm-v1': () =>
    advice(
      'The client answered the challenge with NTLMv1 / LM, which can be cracked offline to the password hash and relayed. ' +
        'Current Windows clients send NTLMv2 unless LmCompatibilityLevel was lowered.',
      {
        fixes: [
          {
            text: 'Set "Network security: LAN Manager authentication level" to "Send NTLMv2 response only. Refuse LM & NTLM" (LmCompatibilityLevel = 5) on clients and domain controllers.',
            commands: ['reg query HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa /v LmCompatibilityLevel'],
          },
        ],
      },
    ),
  'anonymous-ntlm': () =>
    advice(
      'The client completed NTLM as the anonymous user (no user name, empty responses): it had no credentials to use ' +
        'for this server. The server either refuses it or treats the user as anonymous.',
      { fixes: [{ text: 'Make sure the site is trusted for default credentials and the user is logged on with a domain account.' }] },
    ),
} satisfies Partial<Record<RuleId, TokenAdviser>>;
