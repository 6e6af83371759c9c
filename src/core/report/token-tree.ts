// A decoded token as a labelled tree (field, value, byte range): the CLI prints it, the panel will render it
// with hex highlighting. Built from the decoders' output only; nothing here re-reads bytes.
import { visibleControls } from './escape';
import { mechanismOidName } from '../decode/gssapi/oids';
import { etypeName, isWeakEtype, nameTypeName } from '../decode/kerberos/constants';
import type { KerberosMessage, KerberosMessageKind } from '../decode/kerberos/decode';
import type { IakerbHeader } from '../decode/kerberos/iakerb';
import { type NegoExMessage, authSchemeName } from '../decode/negoex/decode';
import type { NtlmMessage, NtlmTargetInfo } from '../decode/ntlm/decode';
import type { ByteRange } from '../decode/result';
import type { DecodedToken } from '../decode/token/decode';

/** One node of the token tree. */
export interface TreeNode {
  readonly label: string;
  readonly value?: string;
  readonly range?: ByteRange;
  readonly children?: readonly TreeNode[];
}

const MESSAGE_TITLES: Record<KerberosMessageKind, string> = {
  'as-req': 'KRB_AS_REQ',
  'as-rep': 'KRB_AS_REP',
  'tgs-req': 'KRB_TGS_REQ',
  'tgs-rep': 'KRB_TGS_REP',
  'ap-req': 'KRB_AP_REQ',
  'ap-rep': 'KRB_AP_REP',
  'tgt-req': 'KRB_TGT_REQ',
  'tgt-rep': 'KRB_TGT_REP',
  'krb-error': 'KRB_ERROR',
};

const KIND_TITLES: Record<DecodedToken['kind'], string> = {
  'ntlm-negotiate': 'NTLM NEGOTIATE_MESSAGE (Type 1)',
  'ntlm-challenge': 'NTLM CHALLENGE_MESSAGE (Type 2)',
  'ntlm-authenticate': 'NTLM AUTHENTICATE_MESSAGE (Type 3)',
  'spnego-init': 'SPNEGO NegTokenInit',
  'spnego-resp': 'SPNEGO NegTokenResp',
  'kerberos-ap-req': 'Kerberos KRB_AP_REQ',
  'kerberos-ap-rep': 'Kerberos KRB_AP_REP',
  'kerberos-error': 'Kerberos KRB_ERROR',
  'kerberos-as-req': 'Kerberos KRB_AS_REQ',
  'kerberos-as-rep': 'Kerberos KRB_AS_REP',
  'kerberos-tgs-req': 'Kerberos KRB_TGS_REQ',
  'kerberos-tgs-rep': 'Kerberos KRB_TGS_REP',
  'kerberos-tgt-req': 'Kerberos user-to-user KRB_TGT_REQ',
  'kerberos-tgt-rep': 'Kerberos user-to-user KRB_TGT_REP',
  iakerb: 'IAKerb IAKERB_PROXY',
  negoex: 'NegoEx messages (MS-NEGOEX)',
  unknown: 'Unknown token',
};

/** Builds the tree of a decoded token. */
export function tokenTree(token: DecodedToken): TreeNode {
  const mechanism = token.mechanism === 'kerberos' ? 'Kerberos' : token.mechanism === 'ntlm' ? 'NTLM' : 'none';
  const children: (TreeNode | null)[] = [
    leaf('mechanism', mechanism),
    leaf('length', `${token.range[1] - token.range[0]} bytes`),
    token.gssMech ? leaf('GSS-API mech', `${mechanismOidName(token.gssMech)} (${token.gssMech})`) : null,
    ...(token.ntlm ? ntlmNodes(token.ntlm) : []),
    ...(token.iakerb ? iakerbNodes(token.iakerb, token.kerberos) : token.kerberos ? kerberosNodes(token.kerberos) : []),
    ...(token.spnego ? spnegoNodes(token) : []),
    ...(token.negoex ? token.negoex.messages.map(negoExNode) : []),
  ];
  return { label: KIND_TITLES[token.kind], range: token.range, children: compact(children) };
}

function spnegoNodes(token: DecodedToken): (TreeNode | null)[] {
  const spnego = token.spnego;
  if (!spnego) return [];
  const inner = spnego.token === 'init' ? 'mechToken' : 'responseToken';
  return [
    spnego.token === 'init'
      ? {
          label: 'mechTypes',
          value: spnego.mechTypes.length === 0 ? 'none' : undefined,
          range: spnego.spans['mechTypes'],
          children: spnego.mechTypes.map((oid, index) => leaf(`${index + 1}`, `${mechanismOidName(oid)} (${oid})`)),
        }
      : null,
    spnego.reqFlags ? leaf('reqFlags', spnego.reqFlags.join(', ') || 'none', spnego.spans['reqFlags']) : null,
    spnego.negHints ? leaf('negHints', spnego.negHints.hintName ?? '(no hintName)', spnego.spans['negHints']) : null,
    spnego.negState ? leaf('negState', spnego.negState, spnego.spans['negState']) : null,
    spnego.supportedMech
      ? leaf('supportedMech', `${mechanismOidName(spnego.supportedMech)} (${spnego.supportedMech})`, spnego.spans['supportedMech'])
      : null,
    spnego.inner ? { ...tokenTree(spnego.inner), label: `${inner}: ${tokenTree(spnego.inner).label}` } : null,
    spnego.innerError ? leaf(inner, `not decodable: ${spnego.innerError.message}`, spnego.spans[inner]) : null,
    leaf('mechListMIC', spnego.mechListMIC ? 'present' : 'absent', spnego.spans['mechListMIC']),
  ];
}

function ntlmNodes(message: NtlmMessage): (TreeNode | null)[] {
  const spans = message.spans;
  const version = message.version;
  return [
    {
      label: 'NegotiateFlags',
      value: `0x${message.flags.toString(16).padStart(8, '0')}`,
      range: spans['flags'],
      children: message.flagNames.map((name) => leaf(name)),
    },
    message.targetName !== null ? leaf('TargetName', message.targetName, spans['targetName']) : null,
    message.serverChallenge !== null ? leaf('ServerChallenge', message.serverChallenge, spans['serverChallenge']) : null,
    message.domain !== null ? leaf('DomainName', message.domain, spans['domain']) : null,
    message.user !== null ? leaf('UserName', message.user, spans['user']) : null,
    message.workstation !== null ? leaf('Workstation', message.workstation, spans['workstation']) : null,
    version
      ? leaf('Version', `${version.major}.${version.minor} build ${version.build}, NTLM revision ${version.revision}`, spans['version'])
      : null,
    message.responseVersion !== null
      ? leaf(
          'Response',
          `${responseName(message)} (LM ${message.lmResponseLength} bytes, NT ${message.ntResponseLength} bytes)`,
          spans['ntChallengeResponse'],
        )
      : null,
    message.ntlmV2Blob ? leaf('NTLMv2 client timestamp', message.ntlmV2Blob.timestamp, message.ntlmV2Blob.range) : null,
    message.targetInfo ? targetInfoNode(message.messageType === 2 ? 'TargetInfo' : 'NTLMv2 AV pairs', message.targetInfo) : null,
    message.messageType === 3 ? leaf('MIC', message.mic ? 'present' : 'absent', spans['mic']) : null,
    message.messageType === 3
      ? leaf('EncryptedRandomSessionKey', message.sessionKey ? 'present' : 'absent', spans['encryptedRandomSessionKey'])
      : null,
  ];
}

/** NTLMv2, NTLMv1, the NTLM2 session response (NTLMv1 with extended session security, MS-NLMP §3.3.1), anonymous. */
function responseName(message: NtlmMessage): string {
  if (message.responseVersion === 'anonymous') return 'anonymous';
  if (message.ntlm2SessionResponse) return 'NTLM2 session response (NTLMv1 with extended session security)';
  return `NTLM${message.responseVersion}`;
}

function targetInfoNode(label: string, info: NtlmTargetInfo): TreeNode {
  return { label, range: info.range, children: info.pairs.map((pair) => leaf(pair.name, pair.value, pair.range)) };
}

/** The IAKERB-HEADER, then the KDC message it carries (or none: realm discovery, draft-ietf-kitten-iakerb-03 §3.1). */
function iakerbNodes(header: IakerbHeader, message: KerberosMessage | null): TreeNode[] {
  return [
    leaf('target-realm', header.targetRealm || '(empty: the client asks for the realm)', header.spans['targetRealm']),
    leaf('cookie', header.cookie ? 'present' : 'absent', header.spans['cookie']),
    message
      ? { label: `relayed KDC message: ${MESSAGE_TITLES[message.message]}`, children: compact(kerberosNodes(message)) }
      : leaf('relayed KDC message', 'none: realm discovery'),
  ];
}

/** One NegoEx message: its type and sequence number, then what its type carries (MS-NEGOEX §2.2.6). */
function negoExNode(message: NegoExMessage): TreeNode {
  const scheme = (guid: string) => (authSchemeName(guid) === guid ? guid : `${authSchemeName(guid)} (${guid})`);
  return {
    label: message.typeName,
    value: `SequenceNum ${message.sequenceNum}`,
    range: message.range,
    children: compact([
      leaf('signature', 'NEGOEXTS'),
      leaf('ConversationId', message.conversationId),
      message.authSchemes
        ? {
            label: 'AuthSchemes',
            value: message.authSchemes.length === 0 ? 'none' : undefined,
            children: message.authSchemes.map((guid, index) => leaf(`${index + 1}`, scheme(guid))),
          }
        : null,
      message.authScheme !== null ? leaf('AuthScheme', scheme(message.authScheme)) : null,
      message.exchangeBytes !== null ? leaf('Exchange', `${message.exchangeBytes} bytes`) : null,
      message.checksumType !== null ? leaf('ChecksumType', String(message.checksumType)) : null,
      message.errorCode !== null ? leaf('ErrorCode', `0x${message.errorCode.toString(16).padStart(8, '0')}`) : null,
      message.alertTypes
        ? leaf('Alerts', message.alertTypes.map((type) => (type === 1 ? 'ALERT_TYPE_PULSE' : `type ${type}`)).join(', ') || 'none')
        : null,
    ]),
  };
}

function kerberosNodes(message: KerberosMessage): (TreeNode | null)[] {
  const spans = message.spans;
  const etype = (value: number | null): string | undefined => (value === null ? undefined : `${value} (${etypeLabel(value)})`);
  return [
    message.realm !== null ? leaf('realm', message.realm, spans['realm']) : null,
    message.sname !== null
      ? leaf('sname', `${message.sname}${message.snameType !== null ? ` (${nameTypeName(message.snameType)})` : ''}`, spans['sname'])
      : null,
    message.mutualRequired !== null
      ? leaf(
          'ap-options',
          [message.useSessionKey ? 'use-session-key' : '', message.mutualRequired ? 'mutual-required' : ''].filter(Boolean).join(', ') ||
            'none',
          spans['apOptions'],
        )
      : null,
    message.ticketEtype !== null
      ? leaf('ticket enc-part', `etype ${etype(message.ticketEtype)}, kvno ${message.ticketKvno ?? 'absent'}`, spans['ticketEncPart'])
      : null,
    message.authenticatorEtype !== null ? leaf('authenticator etype', etype(message.authenticatorEtype), spans['authenticator']) : null,
    message.encEtype !== null ? leaf('enc-part etype', etype(message.encEtype), spans['encPart']) : null,
    message.requestedEtypes !== null
      ? leaf('etypes asked for', message.requestedEtypes.map((value) => etype(value)).join(', ') || 'none', spans['requestedEtypes'])
      : null,
    message.errorCode !== null
      ? leaf(
          'error-code',
          `${message.errorCode} ${message.errorName} — ${message.errorMeaning}${errorSenderText(message)}`,
          spans['errorCode'],
        )
      : null,
    message.crealm !== null ? leaf('crealm', message.crealm, spans['crealm']) : null,
    message.cname !== null ? leaf('cname', message.cname, spans['cname']) : null,
    message.stime !== null ? leaf('stime', message.stime, spans['stime']) : null,
    message.eText !== null ? leaf('e-text', message.eText, spans['eText']) : null,
    message.message === 'krb-error' ? leaf('e-data', message.eData ? 'present' : 'absent', spans['eData']) : null,
  ];
}

/** Who answered with the error: the KDC refused a ticket request, or the server refused the AP-REQ (RFC 4120 §3.1.6, §3.2.6). */
function errorSenderText(message: KerberosMessage): string {
  return message.errorFrom === 'kdc' ? ' (the KDC answered)' : message.errorFrom === 'server' ? ' (the server answered)' : '';
}

function etypeLabel(etype: number): string {
  return `${etypeName(etype)}${isWeakEtype(etype) ? ', weak' : ''}`;
}

function leaf(label: string, value?: string, range?: ByteRange): TreeNode {
  return { label, ...(value !== undefined ? { value } : {}), ...(range ? { range } : {}) };
}

function compact(nodes: readonly (TreeNode | null)[]): TreeNode[] {
  return nodes.filter((node): node is TreeNode => node !== null);
}

/** Renders a tree as indented text with box-drawing guides. */
export function renderTree(root: TreeNode): string {
  const lines: string[] = [line(root)];
  const walk = (nodes: readonly TreeNode[], prefix: string): void => {
    nodes.forEach((node, index) => {
      const last = index === nodes.length - 1;
      lines.push(`${prefix}${last ? '└─ ' : '├─ '}${line(node)}`);
      if (node.children) walk(node.children, `${prefix}${last ? '   ' : '│  '}`);
    });
  };
  walk(root.children ?? [], '');
  return lines.join('\n');
}

/** One node as a text line; names decoded from a token are strangers' text, so controls are made visible. */
function line(node: TreeNode): string {
  return visibleControls(node.value === undefined ? node.label : `${node.label}: ${node.value}`);
}
