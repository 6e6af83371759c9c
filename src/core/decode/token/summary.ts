// A decoded token's small summary: what capture, the rules and the reports keep of a token (thousands of exchanges
// stay cheap to store), the same for a live token, an imported one and one pasted into the decoder.
import type { Mechanism } from '../gssapi/oids';
import { isWeakEtype } from '../kerberos/constants';
import type { KerberosMessageKind } from '../kerberos/decode';
import { type NegoExToken, authSchemeName } from '../negoex/decode';
import type { NtlmMessage } from '../ntlm/decode';
import { type DecodedTokenText, type TokenKind, decodeToken } from './decode';

/** What a decoded token says, kept small so thousands of exchanges stay cheap to store. */
export interface TokenSummary {
  readonly kind: TokenKind;
  /** The kind of a SPNEGO token's mechToken / responseToken. */
  readonly innerKind: TokenKind | null;
  readonly mechanism: Mechanism | null;
  readonly byteLength: number;
  /** SPNEGO negState of a server answer. */
  readonly negState: string | null;
  /** Kerberos error name (KRB-ERROR inside the answer), e.g. KRB_AP_ERR_BADKEYVER. */
  readonly kerberosError: string | null;
  /** Who sent that error: the KDC or the server that received the AP-REQ (null when the code does not say). */
  readonly kerberosErrorFrom: 'kdc' | 'server' | null;
  /** The SPN a Kerberos AP-REQ was issued for, e.g. HTTP/intranet.lab.test. */
  readonly spn: string | null;
  /** Kerberos realm of the ticket (AP-REQ) or of the error. */
  readonly realm: string | null;
  /** NegoEx: the message types in order ("INITIATOR_NEGO, INITIATOR_META_DATA") and the auth schemes named. */
  readonly negoExMessages: string | null;
  readonly negoExSchemes: string | null;
  /** IAKerb: the KDC message the server relays (as-req, as-rep, tgs-req, tgs-rep, krb-error); null in realm discovery. */
  readonly relayed: KerberosMessageKind | null;
  /** Encryption type of the service ticket, by name (e.g. aes256-cts-hmac-sha1-96, rc4-hmac). */
  readonly ticketEtype: string | null;
  /** RC4 / DES ticket encryption (RFC 6649, RFC 8429). */
  readonly weakEtype: boolean;
  /** AP-REQ ap-options mutual-required: the client asked the server to prove itself (AP-REP). */
  readonly mutualRequired: boolean | null;
  /** NTLM AUTHENTICATE response kind: NTLMv2, NTLMv1 (or LM), or anonymous (empty responses). */
  readonly ntlmResponse: 'v1' | 'v2' | 'anonymous' | null;
  /** That v1 response is the NTLM2 session response (NTLMv1 with extended session security, MS-NLMP §3.3.1). */
  readonly ntlm2SessionResponse: boolean;
  /** The NTLM message's NegotiateFlags, and whether a CHALLENGE carried TargetInfo (what decides curl's answer). */
  readonly ntlmFlags: number | null;
  readonly ntlmTargetInfo: boolean | null;
  /** NTLM identities: the user's domain\user and workstation (AUTHENTICATE), the server's name (CHALLENGE). */
  readonly ntlmUser: string | null;
  readonly ntlmWorkstation: string | null;
  readonly ntlmServer: string | null;
  /** MsvAvChannelBindings in an NTLMv2 AUTHENTICATE (MS-NLMP §2.2.2.1): absent, all zero (the client binds to no
   *  channel), or a hash of the TLS channel; null for other tokens. */
  readonly ntlmChannelBindings: 'absent' | 'zero' | 'present' | null;
  /** The server's clock in a CHALLENGE (TargetInfo MsvAvTimestamp, ISO 8601). */
  readonly ntlmServerTime: string | null;
  /** Why the token could not be decoded, when it could not. */
  readonly error: string | null;
}

/** Decodes a token into its small summary; never throws. */
export function summarizeToken(token: string): TokenSummary {
  const result = decodeToken(token);
  if (!result.ok) {
    return {
      kind: 'unknown',
      innerKind: null,
      mechanism: null,
      byteLength: 0,
      negState: null,
      kerberosError: null,
      kerberosErrorFrom: null,
      spn: null,
      realm: null,
      relayed: null,
      negoExMessages: null,
      negoExSchemes: null,
      ticketEtype: null,
      weakEtype: false,
      mutualRequired: null,
      ntlmResponse: null,
      ntlm2SessionResponse: false,
      ntlmFlags: null,
      ntlmTargetInfo: null,
      ntlmUser: null,
      ntlmWorkstation: null,
      ntlmServer: null,
      ntlmChannelBindings: null,
      ntlmServerTime: null,
      error: `${result.error.code}: ${result.error.message}`,
    };
  }
  return summarizeDecoded(result.value);
}

/** The AUTHENTICATE's channel binding: only an NTLMv2 response can carry one (in its client blob's AV pairs). */
function channelBindingsOf(ntlm: NtlmMessage): TokenSummary['ntlmChannelBindings'] {
  if (ntlm.messageType !== 3 || ntlm.responseVersion !== 'v2') return null;
  const hash = ntlm.targetInfo?.channelBindings ?? null;
  if (hash === null) return 'absent';
  return /^0*$/.test(hash) ? 'zero' : 'present';
}

/** The small summary of a decoded token. */
export function summarizeDecoded(text: DecodedTokenText): TokenSummary {
  const decoded = text.token;
  const kerberos = decoded.kerberos ?? decoded.spnego?.inner?.kerberos ?? null;
  const iakerb = decoded.iakerb !== null || decoded.spnego?.inner?.iakerb != null;
  const negoex = decoded.negoex ?? decoded.spnego?.inner?.negoex ?? null;
  const ntlm = decoded.ntlm ?? decoded.spnego?.inner?.ntlm ?? null;
  const apReq = kerberos?.message === 'ap-req' ? kerberos : null;
  const ntlmUser = ntlm?.user ? (ntlm.domain ? `${ntlm.domain}\\${ntlm.user}` : ntlm.user) : null;
  return {
    kind: decoded.kind,
    innerKind: decoded.spnego?.inner?.kind ?? null,
    mechanism: decoded.mechanism,
    byteLength: text.bytes.length,
    negState: decoded.spnego?.negState ?? null,
    kerberosError: kerberos?.errorName ?? null,
    kerberosErrorFrom: kerberos?.errorFrom ?? null,
    spn: apReq?.sname ?? null,
    realm: kerberos?.realm ?? null,
    relayed: iakerb ? (kerberos?.message ?? null) : null,
    negoExMessages: negoex ? negoex.messages.map((message) => message.typeName).join(', ') : null,
    negoExSchemes: negoex ? negoExSchemes(negoex) : null,
    ticketEtype: apReq?.ticketEtypeName ?? null,
    weakEtype: apReq?.ticketEtype != null && isWeakEtype(apReq.ticketEtype),
    mutualRequired: apReq?.mutualRequired ?? null,
    ntlmResponse: ntlm?.messageType === 3 ? ntlm.responseVersion : null,
    ntlm2SessionResponse: ntlm?.ntlm2SessionResponse ?? false,
    ntlmFlags: ntlm?.flags ?? null,
    ntlmTargetInfo: ntlm?.messageType === 2 ? ntlm.targetInfo !== null : null,
    ntlmUser,
    ntlmWorkstation: ntlm?.workstation || null,
    ntlmServer: ntlm?.targetInfo?.dnsComputerName ?? ntlm?.targetInfo?.nbComputerName ?? null,
    ntlmChannelBindings: ntlm ? channelBindingsOf(ntlm) : null,
    ntlmServerTime: ntlm?.messageType === 2 ? (ntlm.targetInfo?.timestamp ?? null) : null,
    error: null,
  };
}

/** The auth schemes a NegoEx token names (offered or used), each once, by name where known. */
function negoExSchemes(negoex: NegoExToken): string {
  const guids = negoex.messages.flatMap((message) => message.authSchemes ?? (message.authScheme ? [message.authScheme] : []));
  return [...new Set(guids.map(authSchemeName))].join(', ');
}
