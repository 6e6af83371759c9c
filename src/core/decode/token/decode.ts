// Decodes any HTTP Negotiate / NTLM / Kerberos token into one tree, deciding its kind from the bytes.
// The base64 prefix ("YII…", "TlRM…") is only a hint: a SPNEGO token wrapping NTLM is NTLM (RFC 4178, MS-SPNG).
import { decodeBase64 } from '../bytes/base64';
import { type Mechanism, OID_IAKERB, OID_NTLMSSP, OID_SPNEGO, mechanismOfOid, mechanismOidName } from '../gssapi/oids';
import { DerReader, type Tlv, UniversalTag } from '../asn1/der';
import {
  type KerberosMessage,
  type KerberosMessageKind,
  kerberosKindOfTag,
  readKerberosMessage,
  readUserToUserMessage,
} from '../kerberos/decode';
import { IAKERB_PROXY_TOKEN_ID, type IakerbHeader, readIakerbHeader } from '../kerberos/iakerb';
import { type NegoExToken, decodeNegoExMessages, hasNegoExSignature } from '../negoex/decode';
import { type NtlmMessage, decodeNtlmMessage, hasNtlmSignature } from '../ntlm/decode';
import { type ByteRange, type Problem, type Result, DecodeAbort, abort, guard, problem } from '../result';
import { type SpnegoToken, readNegotiationToken } from '../spnego/decode';

export type TokenKind =
  | 'ntlm-negotiate'
  | 'ntlm-challenge'
  | 'ntlm-authenticate'
  | 'spnego-init'
  | 'spnego-resp'
  | 'kerberos-ap-req'
  | 'kerberos-ap-rep'
  | 'kerberos-error'
  | 'kerberos-as-req'
  | 'kerberos-as-rep'
  | 'kerberos-tgs-req'
  | 'kerberos-tgs-rep'
  | 'kerberos-tgt-req'
  | 'kerberos-tgt-rep'
  | 'iakerb'
  | 'negoex'
  | 'unknown';

/** What the base64 prefix suggests before decoding (“Windows Authentication HTTP Request Flow in IIS”: "YII" Kerberos, "TlRM" NTLM). */
export type PrefixHint = 'spnego-or-kerberos' | 'ntlm' | 'spnego-resp' | null;

/** A decoded token; one of ntlm / spnego / kerberos is set (an IAKerb token has iakerb, and kerberos when it relays a
 *  message). */
export interface DecodedToken {
  readonly kind: TokenKind;
  /** The mechanism the token really carries (for SPNEGO, the inner token's, else the supportedMech). */
  readonly mechanism: Mechanism | null;
  readonly range: ByteRange;
  /** GSS-API thisMech when the token has the RFC 2743 §3.1 framing. */
  readonly gssMech: string | null;
  readonly ntlm: NtlmMessage | null;
  readonly spnego: SpnegoToken<DecodedToken> | null;
  readonly kerberos: KerberosMessage | null;
  /** The IAKERB-HEADER of an IAKerb token (draft-ietf-kitten-iakerb-03 §3). */
  readonly iakerb: IakerbHeader | null;
  /** The messages of a NegoEx token (MS-NEGOEX §2.2.6). */
  readonly negoex: NegoExToken | null;
}

/** A token decoded from base64 text: the bytes, the prefix hint, and the decoded tree. */
export interface DecodedTokenText {
  readonly bytes: Uint8Array;
  readonly prefixHint: PrefixHint;
  readonly token: DecodedToken;
}

const NTLM_KINDS = { 1: 'ntlm-negotiate', 2: 'ntlm-challenge', 3: 'ntlm-authenticate' } as const;
const KERBEROS_KINDS: Record<KerberosMessageKind, TokenKind> = {
  'ap-req': 'kerberos-ap-req',
  'ap-rep': 'kerberos-ap-rep',
  'krb-error': 'kerberos-error',
  'as-req': 'kerberos-as-req',
  'as-rep': 'kerberos-as-rep',
  'tgs-req': 'kerberos-tgs-req',
  'tgs-rep': 'kerberos-tgs-rep',
  'tgt-req': 'kerberos-tgt-req',
  'tgt-rep': 'kerberos-tgt-rep',
};
/** First bytes of tokens sent without GSS framing: NegTokenInit [0], NegTokenResp [1], and the APPLICATION-tagged
 *  Kerberos messages (AS-REQ … TGS-REP, AP-REQ, AP-REP, KRB-ERROR). */
const UNFRAMED_FIRST_BYTES = new Set([0xa0, 0xa1, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x7e]);
/** TOK_ID of each Kerberos message inside the GSS framing: RFC 4121 §4.1, and 04 00 / 04 01 for the user-to-user
 *  TGT request and reply (draft-swift-win2k-krb-user2user). KDC messages have none: IAKerb carries them. */
const KRB5_TOKEN_IDS: Partial<Record<KerberosMessageKind, number>> = {
  'ap-req': 0x0100,
  'ap-rep': 0x0200,
  'krb-error': 0x0300,
  'tgt-req': 0x0400,
  'tgt-rep': 0x0401,
};
const USER_TO_USER_TOKEN_IDS: ReadonlyMap<number, 'tgt-req' | 'tgt-rep'> = new Map([
  [0x0400, 'tgt-req'],
  [0x0401, 'tgt-rep'],
]);
/** What an IAKerb acceptor relays between client and KDC (draft-ietf-kitten-iakerb-03 §3). */
const IAKERB_RELAYED: ReadonlySet<KerberosMessageKind> = new Set(['as-req', 'as-rep', 'tgs-req', 'tgs-rep', 'krb-error']);

/**
 * The hint the first base64 characters give, as people read them in Fiddler: "TlRM" is "NTLM", "Y[A-P]" is a
 * 0x60 GSS-API frame (SPNEGO or Kerberos), "o[Q-f]" is 0xa1, a bare NegTokenResp.
 */
export function prefixHintOf(base64: string): PrefixHint {
  const text = base64.trimStart();
  if (text.startsWith('TlRM')) return 'ntlm';
  if (/^Y[A-P]/.test(text)) return 'spnego-or-kerberos';
  if (/^o[Q-Za-f]/.test(text)) return 'spnego-resp';
  return null;
}

/** Decodes token bytes; never throws. */
export function decodeTokenBytes(bytes: Uint8Array): Result<DecodedToken> {
  return guard((warnings) => {
    const reader = new DerReader(bytes, warnings);
    return readToken(reader, 0, bytes.length, 0);
  });
}

/** Decodes a base64 token (whitespace, URL-safe alphabet and missing padding tolerated); never throws. */
export function decodeToken(base64: string): Result<DecodedTokenText> {
  const decoded = decodeBase64(base64);
  if (!decoded.ok) return decoded;
  const bytes = decoded.value;
  if (bytes.length === 0) return { ok: false, error: problem('token-empty', 'the token is empty', 0) };
  const result = decodeTokenBytes(bytes);
  if (!result.ok) return result;
  const prefixHint = prefixHintOf(base64);
  const disagreement = prefixDisagreement(prefixHint, result.value);
  const warnings =
    decoded.warnings.length === 0 && disagreement === null
      ? result.warnings
      : [...decoded.warnings, ...result.warnings, ...(disagreement ? [disagreement] : [])];
  return { ok: true, value: { bytes, prefixHint, token: result.value }, warnings };
}

/** A warning when the prefix heuristic and the decode disagree (e.g. "YIG…" that carries NTLM). */
function prefixDisagreement(hint: PrefixHint, token: DecodedToken): Problem | null {
  if (hint === 'spnego-or-kerberos' && token.mechanism === 'ntlm') {
    return problem('prefix-misleading', 'the "YI…" prefix suggests Kerberos, but this SPNEGO token carries NTLM', 0);
  }
  if (hint === 'ntlm' && token.mechanism !== 'ntlm') {
    return problem('prefix-misleading', 'the "TlRM" prefix suggests NTLM, but the token is not NTLM', 0);
  }
  return null;
}

/** The fields a token of one kind leaves empty. */
const EMPTY = { gssMech: null, ntlm: null, spnego: null, kerberos: null, iakerb: null, negoex: null } as const;

/** Reads the token in `[start, end)` of the reader's buffer; aborts on malformed input. */
function readToken(reader: DerReader, start: number, end: number, depth: number): DecodedToken {
  if (start >= end) abort('token-empty', 'the token is empty', start);
  if (hasNtlmSignature(reader.bytes, start) && end - start >= 8) return ntlmToken(reader, start, end, null);
  // NegoEx messages travel without GSS framing, as SPNEGO's mechToken / responseToken (Windows, MIT krb5).
  if (hasNegoExSignature(reader.bytes, start)) return negoExToken(reader, start, end);
  const first = reader.bytes[start] as number;
  if (first === 0x60) return gssFramedToken(reader, start, end, depth);
  if (!UNFRAMED_FIRST_BYTES.has(first)) {
    abort('token-unrecognized', 'neither NTLM (NTLMSSP) nor a GSS-API / SPNEGO / Kerberos token', start);
  }
  const outer = reader.readTlv(start, end, depth);
  if (outer.end !== end) abort('token-trailing-data', `${end - outer.end} byte(s) after the token`, outer.end);
  if (outer.tagClass === 'context' && (outer.tagNumber === 0 || outer.tagNumber === 1)) {
    return spnegoToken(reader, outer, start, end, depth, null);
  }
  if (kerberosKindOfTag(outer)) {
    reader.warnings.push(problem('krb-not-gss-framed', 'raw Kerberos message without GSS-API framing (RFC 4121 §4.1)', start));
    return kerberosToken(readKerberosMessage(reader, outer, depth), outer.end, start, end, null);
  }
  return abort('token-unrecognized', 'neither NTLM (NTLMSSP) nor a GSS-API / SPNEGO / Kerberos token', start);
}

/** InitialContextToken ::= [APPLICATION 0] IMPLICIT SEQUENCE { thisMech MechType, innerContextToken ANY }, RFC 2743 §3.1. */
function gssFramedToken(reader: DerReader, start: number, end: number, depth: number): DecodedToken {
  const frame = reader.readTlv(start, end, depth);
  reader.expect(frame, 'application', 0, 'GSS-API InitialContextToken');
  if (frame.end !== end) abort('token-trailing-data', `${end - frame.end} byte(s) after the token`, frame.end);
  const mechTlv = reader.readTlv(frame.valueStart, frame.end, depth + 1);
  const mech = reader.oid(mechTlv, 'thisMech');
  const innerStart = mechTlv.end;
  if (mech === OID_SPNEGO) {
    const choice = reader.readTlv(innerStart, frame.end, depth + 1);
    if (choice.end !== frame.end) abort('der-size-mismatch', 'data after the NegotiationToken', choice.end);
    return spnegoToken(reader, choice, start, end, depth + 1, mech);
  }
  if (mechanismOfOid(mech) === 'kerberos') return kerberosGssToken(reader, mech, innerStart, start, end, depth + 1);
  if (mech === OID_NTLMSSP) return ntlmToken(reader, innerStart, frame.end, mech, start);
  return abort('gss-unknown-mech', `GSS-API token for unsupported mechanism ${mech}`, mechTlv.start);
}

function negoExToken(reader: DerReader, start: number, end: number): DecodedToken {
  const result = decodeNegoExMessages(reader.bytes.subarray(start, end), start);
  if (!result.ok) throw new DecodeAbort(result.error);
  reader.warnings.push(...result.warnings);
  return { ...EMPTY, kind: 'negoex', mechanism: null, range: [start, end], negoex: result.value };
}

function ntlmToken(reader: DerReader, start: number, end: number, gssMech: string | null, rangeStart = start): DecodedToken {
  const result = decodeNtlmMessage(reader.bytes.subarray(start, end), start);
  if (!result.ok) throw new DecodeAbort(result.error);
  for (const warning of result.warnings) reader.warnings.push(warning);
  const message = result.value;
  return {
    kind: NTLM_KINDS[message.messageType],
    mechanism: 'ntlm',
    range: [rangeStart, end],
    gssMech,
    ntlm: message,
    spnego: null,
    kerberos: null,
    iakerb: null,
    negoex: null,
  };
}

/** The inner token of a Kerberos mechanism (KRB5, MS-KRB5, user-to-user, IAKerb): a two-byte TOK_ID, then the message
 *  (RFC 4121 §4.1). */
function kerberosGssToken(reader: DerReader, mech: string, innerStart: number, start: number, end: number, depth: number): DecodedToken {
  if (innerStart + 2 > end) abort('der-past-end', 'Kerberos TOK_ID is missing', innerStart);
  const tokenId = ((reader.bytes[innerStart] as number) << 8) | (reader.bytes[innerStart + 1] as number);
  if (tokenId === IAKERB_PROXY_TOKEN_ID) return iakerbToken(reader, mech, innerStart + 2, start, end, depth);
  const tlv = reader.readTlv(innerStart + 2, end, depth);
  const userToUser = USER_TO_USER_TOKEN_IDS.get(tokenId);
  const plainSequence = tlv.tagClass === 'universal' && tlv.tagNumber === UniversalTag.SEQUENCE;
  const message =
    userToUser && plainSequence ? readUserToUserMessage(reader, tlv, userToUser, depth) : readKerberosMessage(reader, tlv, depth);
  if (KRB5_TOKEN_IDS[message.message] !== tokenId) {
    reader.warnings.push(
      problem('krb-token-id', `TOK_ID 0x${tokenId.toString(16).padStart(4, '0')} does not match ${message.message}`, innerStart),
    );
  }
  return kerberosToken(message, tlv.end, start, end, mech);
}

/** IAKERB_PROXY: IAKERB-HEADER, then the KDC message the acceptor relays — none in realm discovery (draft §3, §3.1). */
function iakerbToken(reader: DerReader, mech: string, at: number, start: number, end: number, depth: number): DecodedToken {
  if (mech !== OID_IAKERB) {
    reader.warnings.push(problem('krb-token-id', `TOK_ID 0x0501 (IAKERB_PROXY) under ${mechanismOidName(mech)}, not IAKERB`, at - 2));
  }
  const header = reader.readTlv(at, end, depth);
  const iakerb = readIakerbHeader(reader, header, depth);
  let kerberos: KerberosMessage | null = null;
  if (header.end < end) {
    const tlv = reader.readTlv(header.end, end, depth);
    const kind = kerberosKindOfTag(tlv);
    if (!kind || !IAKERB_RELAYED.has(kind)) {
      abort('iakerb-unexpected-message', 'IAKERB relays AS / TGS requests and replies or a KRB-ERROR, not this element', tlv.start);
    }
    kerberos = readKerberosMessage(reader, tlv, depth);
    if (tlv.end !== end) abort('token-trailing-data', `${end - tlv.end} byte(s) after the Kerberos message`, tlv.end);
  }
  return { ...EMPTY, kind: 'iakerb', mechanism: 'kerberos', range: [start, end], gssMech: mech, kerberos, iakerb };
}

function kerberosToken(kerberos: KerberosMessage, messageEnd: number, start: number, end: number, gssMech: string | null): DecodedToken {
  if (messageEnd !== end) abort('token-trailing-data', `${end - messageEnd} byte(s) after the Kerberos message`, messageEnd);
  return { ...EMPTY, kind: KERBEROS_KINDS[kerberos.message], mechanism: 'kerberos', range: [start, end], gssMech, kerberos };
}

function spnegoToken(reader: DerReader, choice: Tlv, start: number, end: number, depth: number, gssMech: string | null): DecodedToken {
  const spnego = readNegotiationToken<DecodedToken>(reader, choice, depth, (innerStart, innerEnd, innerDepth) => {
    // The inner token gets its own warning list so a broken inner token leaves the outer one readable.
    const innerWarnings: Problem[] = [];
    try {
      const value = readToken(new DerReader(reader.bytes, innerWarnings), innerStart, innerEnd, innerDepth);
      reader.warnings.push(...innerWarnings);
      return { value };
    } catch (caught) {
      if (caught instanceof DecodeAbort) return { error: caught.problem };
      throw caught;
    }
  });
  const mechanism = spnego.inner?.mechanism ?? mechanismOfOid(spnego.supportedMech);
  return {
    kind: spnego.token === 'init' ? 'spnego-init' : 'spnego-resp',
    mechanism,
    range: [start, end],
    gssMech,
    ntlm: null,
    spnego,
    kerberos: null,
    iakerb: null,
    negoex: null,
  };
}
