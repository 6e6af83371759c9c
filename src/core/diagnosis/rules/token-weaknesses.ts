// weak-etype (RC4 / DES service ticket, RFC 6649 / RFC 8429), ntlm-v1 (NTLMv1 or LM responses, MS-NLMP §3.3.1)
// and anonymous-ntlm (empty responses, MS-NLMP §3.2.5.1.2): read from the tokens themselves, so they apply to an
// exchange and to a lone pasted token alike.
import type { TokenSummary } from '../../exchange/model';
import type { Evidence, ExchangeRule, Finding, FindingSeverity, RuleId } from '../finding';
import { sentItems } from '../evidence';

interface TokenFinding {
  readonly id: RuleId;
  readonly severity: FindingSeverity;
  readonly title: string;
  readonly evidence: Evidence;
  readonly explanation: string;
  readonly fix: string;
  readonly commands?: readonly string[];
}

/** Where a token was seen: its exchange and leg, or nulls for a lone token. */
export interface TokenPlace {
  readonly exchangeId: string | null;
  readonly url: string | null;
  readonly leg: number | null;
}

/** The weaknesses one token shows, as findings placed where it was seen. */
export function tokenWeaknesses(summary: TokenSummary, place: TokenPlace): Finding[] {
  return weaknesses(summary, place.leg).map((weakness) => ({
    id: weakness.id,
    severity: weakness.severity,
    title: weakness.title,
    exchangeId: place.exchangeId,
    url: place.url,
    evidence: [weakness.evidence],
    explanation: weakness.explanation,
    fixes: [{ text: weakness.fix, ...(weakness.commands ? { commands: weakness.commands } : {}) }],
    missing: null,
  }));
}

function weaknesses(summary: TokenSummary, leg: number | null): TokenFinding[] {
  const findings: TokenFinding[] = [];
  if (summary.weakEtype) {
    findings.push({
      id: 'weak-etype',
      severity: 'warning',
      title: `Service ticket encrypted with ${summary.ticketEtype ?? 'a weak encryption type'}`,
      evidence: {
        leg,
        source: 'token',
        name: 'AP-REQ ticket etype',
        value: `${summary.ticketEtype}${summary.spn ? ` (SPN ${summary.spn})` : ''}`,
      },
      explanation:
        'The KDC issued the ticket with RC4-HMAC or DES, deprecated (RFC 6649, RFC 8429) and being removed from Windows ' +
        'domains. It is used when the service account has no AES keys or msDS-SupportedEncryptionTypes excludes AES.',
      fix: 'Enable AES on the service account (msDS-SupportedEncryptionTypes = 0x18, "This account supports Kerberos AES 128/256 bit encryption"), reset its password to create AES keys, then purge tickets.',
      commands: ['klist purge'],
    });
  }
  if (summary.ntlmResponse === 'v1') {
    findings.push({
      id: 'ntlm-v1',
      severity: 'error',
      title: 'NTLMv1 (or LM) response',
      evidence: { leg, source: 'token', name: 'NTLM AUTHENTICATE NtChallengeResponse', value: 'NTLMv1 (24-byte response)' },
      explanation:
        'The client answered the challenge with NTLMv1 / LM, which can be cracked offline to the password hash and relayed. ' +
        'Current Windows clients send NTLMv2 unless LmCompatibilityLevel was lowered.',
      fix: 'Set "Network security: LAN Manager authentication level" to "Send NTLMv2 response only. Refuse LM & NTLM" (LmCompatibilityLevel = 5) on clients and domain controllers.',
      commands: ['reg query HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa /v LmCompatibilityLevel'],
    });
  }
  if (summary.ntlmResponse === 'anonymous') {
    findings.push({
      id: 'anonymous-ntlm',
      severity: 'warning',
      title: 'Anonymous NTLM authentication (empty responses)',
      evidence: { leg, source: 'token', name: 'NTLM AUTHENTICATE', value: 'empty user name and responses' },
      explanation:
        'The client completed NTLM as the anonymous user (no user name, empty responses): it had no credentials to use ' +
        'for this server. The server either refuses it or treats the user as anonymous.',
      fix: 'Make sure the site is trusted for default credentials and the user is logged on with a domain account.',
    });
  }
  return findings;
}

export const tokenWeaknessesRule: ExchangeRule = {
  ids: ['weak-etype', 'ntlm-v1', 'anonymous-ntlm'],
  check({ exchange }) {
    const findings: Finding[] = [];
    const seen = new Set<RuleId>();
    for (const { leg, item } of sentItems(exchange)) {
      if (!item.summary) continue;
      for (const weakness of tokenWeaknesses(item.summary, { exchangeId: exchange.id, url: exchange.url, leg })) {
        if (seen.has(weakness.id)) continue;
        seen.add(weakness.id);
        findings.push(weakness);
      }
    }
    return findings;
  },
};
