// The stable JSON shape of a decoded token (docs/json.md): later versions may add fields, never rename them.
import { mechanismOidName } from '../decode/gssapi/oids';
import type { KerberosErrorSender } from '../decode/kerberos/constants';
import type { KerberosMessageKind } from '../decode/kerberos/decode';
import type { Problem, Result } from '../decode/result';
import type { DecodedToken, DecodedTokenText, PrefixHint, TokenKind } from '../decode/token/decode';

export interface NtlmJson {
  messageType: 1 | 2 | 3;
  flags: number;
  flagNames: string[];
  domain: string | null;
  user: string | null;
  workstation: string | null;
  targetName: string | null;
  serverChallenge: string | null;
  version: { major: number; minor: number; build: number; revision: number } | null;
  targetInfo: {
    nbComputerName: string | null;
    nbDomainName: string | null;
    dnsComputerName: string | null;
    dnsDomainName: string | null;
    dnsTreeName: string | null;
    timestamp: string | null;
    flags: number | null;
    targetName: string | null;
    channelBindings: string | null;
    singleHost: boolean;
  } | null;
  responseVersion: 'v1' | 'v2' | 'anonymous' | null;
  /** A v1 response that is the NTLM2 session response (extended session security, MS-NLMP §3.3.1); added in 0.2. */
  ntlm2SessionResponse: boolean;
  lmResponseLength: number | null;
  ntResponseLength: number | null;
  mic: boolean;
  sessionKey: boolean;
}

export interface SpnegoJson {
  token: 'init' | 'resp';
  mechTypes: string[];
  mechTypeNames: string[];
  negState: 'accept-completed' | 'accept-incomplete' | 'reject' | 'request-mic' | null;
  supportedMech: string | null;
  supportedMechName: string | null;
  reqFlags: string[] | null;
  negHints: { hintName: string | null; hintAddress: boolean } | null;
  mechListMIC: boolean;
  inner: TokenJson | null;
}

export interface KerberosJson {
  message: KerberosMessageKind;
  realm: string | null;
  sname: string | null;
  snameType: number | null;
  ticketEtype: number | null;
  ticketEtypeName: string | null;
  ticketKvno: number | null;
  authenticatorEtype: number | null;
  mutualRequired: boolean | null;
  encEtype: number | null;
  /** AS-REQ / TGS-REQ: the encryption types asked for (added in 0.2). */
  requestedEtypes: number[] | null;
  errorCode: number | null;
  errorName: string | null;
  errorMeaning: string | null;
  eText: string | null;
  eData: boolean;
  stime: string | null;
  /** KRB-ERROR: the client's name and realm, when the error carries them (added in 0.2). */
  cname: string | null;
  crealm: string | null;
  /** KRB-ERROR: who sent it, from the code's name (added in 0.2). */
  errorFrom: KerberosErrorSender | null;
}

export interface NegoExMessageJson {
  type: string;
  sequenceNum: number;
  conversationId: string;
  authSchemes: string[] | null;
  authScheme: string | null;
  exchangeBytes: number | null;
  checksumType: number | null;
  errorCode: number | null;
  alertTypes: number[] | null;
}

/** The JSON object `authscope decode --json` prints. */
export interface TokenJson {
  kind: TokenKind;
  mechanism: 'kerberos' | 'ntlm' | null;
  byteLength: number;
  scheme?: string | null;
  prefixHint?: PrefixHint;
  ntlm: NtlmJson | null;
  spnego: SpnegoJson | null;
  kerberos: KerberosJson | null;
  /** IAKerb: the IAKERB-HEADER in front of the relayed KDC message (added in 0.2). */
  iakerb: { targetRealm: string; cookie: boolean } | null;
  /** NegoEx: its messages in order (added in 0.2). */
  negoex: { messages: NegoExMessageJson[] } | null;
  warnings?: Problem[];
  error?: Problem | null;
}

/** The JSON of a decode result (success or failure) for a token given with an optional HTTP scheme. */
export function tokenResultJson(
  result: Result<DecodedTokenText>,
  scheme: string | null,
  extraWarnings: readonly Problem[] = [],
): TokenJson {
  if (!result.ok) {
    return {
      kind: 'unknown',
      mechanism: null,
      byteLength: 0,
      scheme,
      prefixHint: null,
      ntlm: null,
      spnego: null,
      kerberos: null,
      iakerb: null,
      negoex: null,
      warnings: [...extraWarnings],
      error: result.error,
    };
  }
  return {
    ...tokenJson(result.value.token),
    byteLength: result.value.bytes.length,
    scheme,
    prefixHint: result.value.prefixHint,
    warnings: [...extraWarnings, ...result.warnings],
    error: null,
  };
}

/** The JSON of one decoded token (recursive for SPNEGO). */
export function tokenJson(token: DecodedToken): TokenJson {
  return {
    kind: token.kind,
    mechanism: token.mechanism,
    byteLength: token.range[1] - token.range[0],
    ntlm: token.ntlm && {
      messageType: token.ntlm.messageType,
      flags: token.ntlm.flags,
      flagNames: [...token.ntlm.flagNames],
      domain: token.ntlm.domain,
      user: token.ntlm.user,
      workstation: token.ntlm.workstation,
      targetName: token.ntlm.targetName,
      serverChallenge: token.ntlm.serverChallenge,
      version: token.ntlm.version && { ...token.ntlm.version },
      targetInfo: token.ntlm.targetInfo && {
        nbComputerName: token.ntlm.targetInfo.nbComputerName,
        nbDomainName: token.ntlm.targetInfo.nbDomainName,
        dnsComputerName: token.ntlm.targetInfo.dnsComputerName,
        dnsDomainName: token.ntlm.targetInfo.dnsDomainName,
        dnsTreeName: token.ntlm.targetInfo.dnsTreeName,
        timestamp: token.ntlm.targetInfo.timestamp,
        flags: token.ntlm.targetInfo.flags,
        targetName: token.ntlm.targetInfo.targetName,
        channelBindings: token.ntlm.targetInfo.channelBindings,
        singleHost: token.ntlm.targetInfo.singleHost,
      },
      responseVersion: token.ntlm.responseVersion,
      ntlm2SessionResponse: token.ntlm.ntlm2SessionResponse,
      lmResponseLength: token.ntlm.lmResponseLength,
      ntResponseLength: token.ntlm.ntResponseLength,
      mic: token.ntlm.mic,
      sessionKey: token.ntlm.sessionKey,
    },
    spnego: token.spnego && {
      token: token.spnego.token,
      mechTypes: [...token.spnego.mechTypes],
      mechTypeNames: [...token.spnego.mechTypeNames],
      negState: token.spnego.negState,
      supportedMech: token.spnego.supportedMech,
      supportedMechName: token.spnego.supportedMech && mechanismOidName(token.spnego.supportedMech),
      reqFlags: token.spnego.reqFlags && [...token.spnego.reqFlags],
      negHints: token.spnego.negHints && { ...token.spnego.negHints },
      mechListMIC: token.spnego.mechListMIC,
      inner: token.spnego.inner && tokenJson(token.spnego.inner),
    },
    kerberos: token.kerberos && {
      message: token.kerberos.message,
      realm: token.kerberos.realm,
      sname: token.kerberos.sname,
      snameType: token.kerberos.snameType,
      ticketEtype: token.kerberos.ticketEtype,
      ticketEtypeName: token.kerberos.ticketEtypeName,
      ticketKvno: token.kerberos.ticketKvno,
      authenticatorEtype: token.kerberos.authenticatorEtype,
      mutualRequired: token.kerberos.mutualRequired,
      encEtype: token.kerberos.encEtype,
      requestedEtypes: token.kerberos.requestedEtypes && [...token.kerberos.requestedEtypes],
      errorCode: token.kerberos.errorCode,
      errorName: token.kerberos.errorName,
      errorMeaning: token.kerberos.errorMeaning,
      eText: token.kerberos.eText,
      eData: token.kerberos.eData,
      stime: token.kerberos.stime,
      cname: token.kerberos.cname,
      crealm: token.kerberos.crealm,
      errorFrom: token.kerberos.errorFrom,
    },
    iakerb: token.iakerb && { targetRealm: token.iakerb.targetRealm, cookie: token.iakerb.cookie },
    negoex: token.negoex && {
      messages: token.negoex.messages.map((message) => ({
        type: message.typeName,
        sequenceNum: message.sequenceNum,
        conversationId: message.conversationId,
        authSchemes: message.authSchemes && [...message.authSchemes],
        authScheme: message.authScheme,
        exchangeBytes: message.exchangeBytes,
        checksumType: message.checksumType,
        errorCode: message.errorCode,
        alertTypes: message.alertTypes && [...message.alertTypes],
      })),
    },
  };
}
