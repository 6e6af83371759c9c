// weak-etype (RC4 / DES service ticket, RFC 6649 / RFC 8429), ntlm-v1 (NTLMv1 or LM responses, MS-NLMP §3.3.1)
// and anonymous-ntlm (empty responses, MS-NLMP §3.2.5.1.2): read from the tokens themselves, so they apply to an
// exchange and to a lone pasted token alike.
import type { TokenSummary } from '../../decode/token/summary';
import type { ExchangeRule, RuleId, Verdict } from '../finding';
import { sentItems } from '../evidence';

/** Where a token was seen: its exchange and leg, or nulls for a lone token. */
export interface TokenPlace {
  readonly exchangeId: string | null;
  readonly url: string | null;
  readonly leg: number | null;
}

/** The weaknesses one token shows, as verdicts placed where it was seen. */
export function tokenWeaknesses(summary: TokenSummary, place: TokenPlace): Verdict[] {
  const { exchangeId, url, leg } = place;
  const verdicts: Verdict[] = [];
  if (summary.weakEtype) {
    verdicts.push({
      id: 'weak-etype',
      severity: 'warning',
      title: `Service ticket encrypted with ${summary.ticketEtype ?? 'a weak encryption type'}`,
      exchangeId,
      url,
      evidence: [
        { leg, source: 'token', name: 'AP-REQ ticket etype', value: `${summary.ticketEtype}${summary.spn ? ` (SPN ${summary.spn})` : ''}` },
      ],
    });
  }
  if (summary.ntlmResponse === 'v1') {
    // MS-NLMP §3.3.1: with extended session security the LM field is the client's nonce and 16 zero bytes.
    const session = summary.ntlm2SessionResponse;
    verdicts.push({
      id: 'ntlm-v1',
      severity: 'error',
      title: session ? 'NTLM2 session response (NTLMv1 with extended session security)' : 'NTLMv1 (or LM) response',
      exchangeId,
      url,
      evidence: [
        {
          leg,
          source: 'token',
          name: 'NTLM AUTHENTICATE NtChallengeResponse',
          value: session
            ? 'NTLMv1 with extended session security (24-byte response; LM field = 8-byte client nonce + 16 zero bytes)'
            : 'NTLMv1 (24-byte response)',
        },
      ],
    });
  }
  if (summary.ntlmResponse === 'anonymous') {
    verdicts.push({
      id: 'anonymous-ntlm',
      severity: 'warning',
      title: 'Anonymous NTLM authentication (empty responses)',
      exchangeId,
      url,
      evidence: [{ leg, source: 'token', name: 'NTLM AUTHENTICATE', value: 'empty user name and responses' }],
    });
  }
  return verdicts;
}

export const tokenWeaknessesRule: ExchangeRule = {
  ids: ['weak-etype', 'ntlm-v1', 'anonymous-ntlm'],
  check({ exchange }) {
    const verdicts: Verdict[] = [];
    const seen = new Set<RuleId>();
    for (const { leg, item } of sentItems(exchange)) {
      if (!item.summary) continue;
      for (const weakness of tokenWeaknesses(item.summary, { exchangeId: exchange.id, url: exchange.url, leg })) {
        if (seen.has(weakness.id)) continue;
        seen.add(weakness.id);
        verdicts.push(weakness);
      }
    }
    return verdicts;
  },
};
