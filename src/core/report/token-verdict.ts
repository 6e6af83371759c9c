// A decoded token in one plain sentence — healthy ones too: what the message is, what it says about the handshake,
// and whether anything in it is wrong (the token findings say what). The decoder view and the token pane lead with it.
import type { TokenSummary } from '../decode/token/summary';
import type { Finding } from '../diagnosis/finding';

export type TokenTone = 'ok' | 'note' | 'warning' | 'error';

export interface TokenVerdict {
  readonly tone: TokenTone;
  readonly text: string;
}

const NEG_STATE_TEXT: Readonly<Record<string, [TokenTone, string]>> = {
  'accept-completed': ['ok', 'the server accepted the credentials (SPNEGO negState accept-completed)'],
  'accept-incomplete': ['note', 'the server continues the handshake (negState accept-incomplete): normal when NTLM runs inside Negotiate'],
  reject: ['error', 'the server refused the credentials (SPNEGO negState reject)'],
  'request-mic': ['note', 'the server asks for a mechanism list MIC (negState request-mic)'],
};

/** KDC_ERR_* come from the KDC (the ticket request failed); KRB_AP_ERR_* from the server that got the AP-REQ. */
function senderText(summary: TokenSummary): string {
  if (summary.kerberosErrorFrom === 'kdc') return ' (the KDC answered: a ticket request failed)';
  if (summary.kerberosErrorFrom === 'server') return ' (the server answered: it refused the service ticket)';
  return '';
}

/** IAKerb (draft-ietf-kitten-iakerb-03): a client that cannot reach a KDC sends its KDC exchange through the server. */
function iakerbVerdict(summary: TokenSummary): TokenVerdict {
  const through = 'through the server, because it cannot reach a KDC itself (IAKerb, draft-ietf-kitten-iakerb)';
  switch (summary.relayed) {
    case 'as-req':
      return { tone: 'note', text: `An IAKerb AS-REQ: the client asks the KDC for a ticket-granting ticket ${through}.` };
    case 'tgs-req':
      return { tone: 'note', text: `An IAKerb TGS-REQ: the client asks the KDC for a service ticket ${through}.` };
    case 'as-rep':
      return { tone: 'note', text: 'An IAKerb AS-REP: the server relays the KDC’s answer, the client’s ticket-granting ticket.' };
    case 'tgs-rep':
      return { tone: 'note', text: 'An IAKerb TGS-REP: the server relays the KDC’s answer, the client’s service ticket.' };
    case 'krb-error':
      return {
        tone: 'error',
        text: `An IAKerb KRB-ERROR: the server relays ${summary.kerberosError ?? 'an error'}${senderText(summary)}.`,
      };
    default:
      return {
        tone: 'note',
        text: 'IAKerb realm discovery, without a Kerberos message: the client asks the server which realm to use, or the server names it (draft-ietf-kitten-iakerb-03 §3.1).',
      };
  }
}

/** NegoEx (MS-NEGOEX §1.3): Windows’ extension of SPNEGO that negotiates further auth schemes, such as PKU2U. */
function negoExVerdict(summary: TokenSummary): TokenVerdict {
  const who = summary.negoExMessages?.startsWith('ACCEPTOR') ? 'The server answers' : 'The client opens';
  const schemes = summary.negoExSchemes ? ` for ${summary.negoExSchemes}` : '';
  const alert = summary.negoExMessages?.includes('ALERT') ?? false;
  return {
    tone: alert ? 'warning' : 'note',
    text: `${who} a NegoEx negotiation (${summary.negoExMessages ?? 'no messages'}${schemes}): Windows’ extension of SPNEGO for schemes such as PKU2U between Azure AD joined machines, not Kerberos or NTLM${alert ? '; an ALERT says the other side had a problem' : ''}.`,
  };
}

/** Names of the KDC messages, for one sent bare. */
const KDC_MESSAGE_NAMES: Readonly<Record<string, string>> = {
  'kerberos-as-req': 'AS-REQ',
  'kerberos-as-rep': 'AS-REP',
  'kerberos-tgs-req': 'TGS-REQ',
  'kerberos-tgs-rep': 'TGS-REP',
};

function describe(summary: TokenSummary): TokenVerdict {
  if (summary.kind === 'iakerb' || summary.innerKind === 'iakerb') return iakerbVerdict(summary);
  if (summary.kind === 'negoex' || summary.innerKind === 'negoex') return negoExVerdict(summary);
  const forSpn = summary.spn ? ` for ${summary.spn}` : '';
  const etype = summary.ticketEtype ? `, ticket encrypted with ${summary.ticketEtype}` : '';
  switch (summary.kind) {
    case 'kerberos-ap-req':
    case 'spnego-init':
      if (summary.mechanism === 'kerberos') {
        const wrapped = summary.kind === 'spnego-init' ? ' inside SPNEGO' : '';
        return {
          tone: summary.weakEtype ? 'warning' : 'ok',
          text: `A Kerberos service ticket${forSpn}${wrapped}${etype}: what a browser sends when Kerberos works. Whether the server accepts it depends on its key for that SPN.`,
        };
      }
      if (summary.mechanism === 'ntlm') {
        return {
          tone: 'warning',
          text: 'An NTLM message inside SPNEGO: Negotiate fell back to NTLM (the client got no Kerberos ticket for this server).',
        };
      }
      return { tone: 'note', text: 'A SPNEGO offer without an initial token: the client lists mechanisms and waits for the server.' };
    case 'spnego-resp': {
      const [tone, said] = NEG_STATE_TEXT[summary.negState ?? ''] ?? ['note', 'a SPNEGO answer without a negState'];
      const inner = summary.kerberosError ? `; it carries the Kerberos error ${summary.kerberosError}${senderText(summary)}` : '';
      return { tone: summary.kerberosError ? 'error' : tone, text: `The server’s answer: ${said}${inner}.` };
    }
    case 'kerberos-ap-rep':
      return { tone: 'ok', text: 'The server’s proof of identity (AP-REP): Kerberos mutual authentication succeeded.' };
    case 'kerberos-error':
      return { tone: 'error', text: `A Kerberos error: ${summary.kerberosError ?? 'unnamed'}${senderText(summary)}.` };
    case 'kerberos-tgt-req':
      return {
        tone: 'note',
        text: 'A Kerberos user-to-user TGT request (KRB_TGT_REQ): the client asks the server for its ticket-granting ticket, to get a ticket the KDC encrypts in the server’s session key.',
      };
    case 'kerberos-tgt-rep':
      return {
        tone: 'note',
        text: 'The server’s user-to-user TGT reply (KRB_TGT_REP): its ticket-granting ticket, with which the client asks the KDC for a user-to-user ticket.',
      };
    case 'kerberos-as-req':
    case 'kerberos-as-rep':
    case 'kerberos-tgs-req':
    case 'kerberos-tgs-rep':
      return {
        tone: 'note',
        text: `A Kerberos ${KDC_MESSAGE_NAMES[summary.kind]} without GSS-API framing: a message between a client and its KDC, not a token a browser sends over HTTP.`,
      };
    case 'ntlm-negotiate':
      return { tone: 'note', text: 'NTLM NEGOTIATE (message 1 of 3): the client starts an NTLM handshake.' };
    case 'ntlm-challenge':
      return {
        tone: 'note',
        text: `NTLM CHALLENGE (message 2 of 3)${summary.ntlmServer ? ` from ${summary.ntlmServer}` : ''}: the server’s normal second leg.`,
      };
    case 'ntlm-authenticate': {
      const who = summary.ntlmUser ? ` for ${summary.ntlmUser}${summary.ntlmWorkstation ? ` on ${summary.ntlmWorkstation}` : ''}` : '';
      if (summary.ntlmResponse === 'anonymous')
        return { tone: 'warning', text: `NTLM AUTHENTICATE (message 3 of 3) with empty responses: an anonymous logon${who}.` };
      if (summary.ntlmResponse === 'v1') {
        const response = summary.ntlm2SessionResponse
          ? 'an NTLM2 session response (NTLMv1 with extended session security)'
          : 'an NTLMv1 or LM response';
        return { tone: 'error', text: `NTLM AUTHENTICATE (message 3 of 3) with ${response}${who}: weak and refused by hardened servers.` };
      }
      return {
        tone: 'ok',
        text: `NTLM AUTHENTICATE (message 3 of 3) with an NTLMv2 response${who}: a well-formed logon. Whether it succeeds depends on the password and the server.`,
      };
    }
    default:
      return { tone: 'warning', text: 'Not a token AuthScope recognises.' };
  }
}

/** The sentence for a decoded token; its findings (weak etype, NTLMv1, a Kerberos error) set the tone when worse. */
export function tokenVerdict(summary: TokenSummary, findings: readonly Finding[] = []): TokenVerdict {
  const verdict = describe(summary);
  if (findings.some((finding) => finding.severity === 'error')) return { ...verdict, tone: 'error' };
  if (findings.some((finding) => finding.severity === 'warning') && verdict.tone !== 'error') return { ...verdict, tone: 'warning' };
  return verdict;
}
