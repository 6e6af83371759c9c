// Kerberos message decoder: AP-REQ, AP-REP and KRB-ERROR as they cross HTTP (RFC 4120 §5.5.1, §5.5.2, §5.9.1), the
// KDC exchanges IAKerb carries through the server (AS-REQ / TGS-REQ §5.4.1, AS-REP / TGS-REP §5.4.2) and the
// user-to-user TGT request and reply (draft-swift-win2k-krb-user2user). The encrypted parts are not decryptable by
// us; we read their etype and kvno, which is what diagnosis needs.
import { type DerReader, type Tlv, UniversalTag } from '../asn1/der';
import { type ByteRange, abort, problem } from '../result';
import {
  type KerberosErrorSender,
  etypeName,
  isWeakEtype,
  kerberosErrorMeaning,
  kerberosErrorName,
  kerberosErrorSender,
} from './constants';

export type KerberosMessageKind = 'ap-req' | 'ap-rep' | 'krb-error' | 'as-req' | 'as-rep' | 'tgs-req' | 'tgs-rep' | 'tgt-req' | 'tgt-rep';

/** The messages with an APPLICATION tag, RFC 4120 §5.10 (the user-to-user ones have none). */
export type KerberosApplicationKind = Exclude<KerberosMessageKind, 'tgt-req' | 'tgt-rep'>;

/** msg-type of each message: the APPLICATION tag number of RFC 4120 §5.10, and 16 / 17 for KRB_TGT_REQ / KRB_TGT_REP
 *  (draft-swift-win2k-krb-user2user). */
export const KerberosMessageType: Readonly<Record<KerberosMessageKind, number>> = {
  'as-req': 10,
  'as-rep': 11,
  'tgs-req': 12,
  'tgs-rep': 13,
  'ap-req': 14,
  'ap-rep': 15,
  'tgt-req': 16,
  'tgt-rep': 17,
  'krb-error': 30,
};

const APPLICATION_KINDS: ReadonlyMap<number, KerberosApplicationKind> = new Map([
  [10, 'as-req'],
  [11, 'as-rep'],
  [12, 'tgs-req'],
  [13, 'tgs-rep'],
  [14, 'ap-req'],
  [15, 'ap-rep'],
  [30, 'krb-error'],
]);

/** A decoded Kerberos message; fields that its kind does not carry are null. */
export interface KerberosMessage {
  readonly message: KerberosMessageKind;
  readonly pvno: number;
  /** AP-REQ, KDC-REP, TGT-REP: the ticket's realm; KRB-ERROR: the server realm; KDC-REQ, TGT-REQ: the realm asked. */
  readonly realm: string | null;
  /** Service principal, components joined by "/", e.g. `HTTP/intranet.lab.test`. */
  readonly sname: string | null;
  readonly snameType: number | null;
  readonly ticketEtype: number | null;
  readonly ticketEtypeName: string | null;
  readonly ticketKvno: number | null;
  readonly authenticatorEtype: number | null;
  readonly mutualRequired: boolean | null;
  readonly useSessionKey: boolean | null;
  /** AP-REP, AS-REP, TGS-REP enc-part etype. */
  readonly encEtype: number | null;
  /** AS-REQ, TGS-REQ: the encryption types the client asks for, in its order of preference (RFC 4120 §5.4.1). */
  readonly requestedEtypes: readonly number[] | null;
  readonly errorCode: number | null;
  readonly errorName: string | null;
  readonly errorMeaning: string | null;
  /** KRB-ERROR: who sent it, the KDC or the server that got the AP-REQ; null when the code does not say. */
  readonly errorFrom: KerberosErrorSender | null;
  readonly eText: string | null;
  readonly eData: boolean;
  readonly stime: string | null;
  /** The client principal and realm (KRB-ERROR when present, KDC-REQ, KDC-REP). */
  readonly cname: string | null;
  readonly crealm: string | null;
  readonly spans: Readonly<Record<string, ByteRange>>;
}

interface EncryptedData {
  readonly etype: number;
  readonly kvno: number | null;
}

/** Kind of a Kerberos message from its APPLICATION tag, or null. */
export function kerberosKindOfTag(tlv: Tlv): KerberosApplicationKind | null {
  return tlv.tagClass === 'application' ? (APPLICATION_KINDS.get(tlv.tagNumber) ?? null) : null;
}

/** Decodes the Kerberos message whose APPLICATION element is `outer`; aborts on malformed input. */
export function readKerberosMessage(reader: DerReader, outer: Tlv, depth: number): KerberosMessage {
  const kind = kerberosKindOfTag(outer);
  if (!kind) abort('krb-unknown-message', `${outer.tagClass} [${outer.tagNumber}] is not a Kerberos message (RFC 4120 §5.10)`, outer.start);
  const children = reader.children(outer, depth);
  const sequence = children[0];
  if (!sequence || children.length !== 1) abort('der-size-mismatch', `${kind} must hold exactly one SEQUENCE`, outer.valueStart);
  return readMessageBody(reader, kind, sequence, depth + 1);
}

/**
 * Decodes a user-to-user KERB-TGT-REQUEST or KERB-TGT-REPLY (draft-swift-win2k-krb-user2user): a plain SEQUENCE, not
 * APPLICATION-tagged like the RFC 4120 messages; the GSS TOK_ID (04 00 / 04 01) says which.
 */
export function readUserToUserMessage(reader: DerReader, sequence: Tlv, kind: 'tgt-req' | 'tgt-rep', depth: number): KerberosMessage {
  return readMessageBody(reader, kind, sequence, depth);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function readMessageBody(reader: DerReader, kind: KerberosMessageKind, sequence: Tlv, depth: number): KerberosMessage {
  const fields = reader.taggedFields(sequence, depth, kind);
  const spans: Record<string, ByteRange> = {};
  const field = (tag: number, name: string, required: boolean): Tlv | null => {
    const tlv = fields[tag] ?? null;
    if (!tlv && required) abort('krb-missing-field', `${kind}: required field ${name} [${tag}] is missing`, sequence.start);
    if (tlv) spans[name] = [tlv.start, tlv.end];
    return tlv;
  };
  // KDC-REQ numbers its fields from [1] (RFC 4120 §5.4.1); every other message from [0].
  const kdcRequest = kind === 'as-req' || kind === 'tgs-req';
  const pvno = reader.integer(field(kdcRequest ? 1 : 0, 'pvno', true) as Tlv, 'pvno');
  if (pvno !== 5) reader.warnings.push(problem('krb-pvno', `Kerberos pvno ${pvno}, expected 5`, sequence.start));
  const msgType = reader.integer(field(kdcRequest ? 2 : 1, 'msgType', true) as Tlv, 'msg-type');
  if (msgType !== KerberosMessageType[kind]) {
    reader.warnings.push(problem('krb-msg-type', `${kind} carries msg-type ${msgType}`, sequence.start));
  }
  const message: Mutable<KerberosMessage> = {
    message: kind,
    pvno,
    realm: null,
    sname: null,
    snameType: null,
    ticketEtype: null,
    ticketEtypeName: null,
    ticketKvno: null,
    authenticatorEtype: null,
    mutualRequired: null,
    useSessionKey: null,
    encEtype: null,
    requestedEtypes: null,
    errorCode: null,
    errorName: null,
    errorMeaning: null,
    errorFrom: null,
    eText: null,
    eData: false,
    stime: null,
    cname: null,
    crealm: null,
    spans,
  };
  const level = depth + 2;
  const ticket = (tlv: Tlv) => {
    const read = readTicket(reader, tlv, level, spans);
    message.realm = read.realm;
    message.sname = read.sname;
    message.snameType = read.snameType;
    message.ticketEtype = read.encPart.etype;
    message.ticketEtypeName = etypeName(read.encPart.etype);
    message.ticketKvno = read.encPart.kvno;
  };
  switch (kind) {
    case 'ap-req': {
      // APOptions ::= KerberosFlags { reserved(0), use-session-key(1), mutual-required(2) }, RFC 4120 §5.5.1.
      const { bits } = reader.bitString(field(2, 'apOptions', true) as Tlv, 'ap-options');
      message.useSessionKey = bits[1] ?? false;
      message.mutualRequired = bits[2] ?? false;
      ticket(field(3, 'ticket', true) as Tlv);
      message.authenticatorEtype = readEncryptedData(reader, field(4, 'authenticator', true) as Tlv, level, 'authenticator').etype;
      if (isWeakEtype(message.ticketEtype as number)) {
        reader.warnings.push(
          problem('krb-weak-etype', `ticket encrypted with weak ${message.ticketEtypeName}`, spans['ticket']?.[0] ?? sequence.start),
        );
      }
      break;
    }
    case 'ap-rep':
      message.encEtype = readEncryptedData(reader, field(2, 'encPart', true) as Tlv, level, 'enc-part').etype;
      break;
    case 'as-req':
    case 'tgs-req':
      field(3, 'padata', false);
      readRequestBody(reader, field(4, 'reqBody', true) as Tlv, level, message, spans);
      break;
    case 'as-rep':
    case 'tgs-rep': {
      field(2, 'padata', false);
      message.crealm = reader.string(field(3, 'crealm', true) as Tlv, 'crealm');
      message.cname = readPrincipalName(reader, field(4, 'cname', true) as Tlv, level).name;
      ticket(field(5, 'ticket', true) as Tlv);
      message.encEtype = readEncryptedData(reader, field(6, 'encPart', true) as Tlv, level, 'enc-part').etype;
      break;
    }
    case 'tgt-req': {
      const serverName = field(2, 'sname', false);
      if (serverName) {
        const sname = readPrincipalName(reader, serverName, level);
        message.sname = sname.name;
        message.snameType = sname.nameType;
      }
      const realm = field(3, 'realm', false);
      if (realm) message.realm = reader.string(realm, 'realm');
      break;
    }
    case 'tgt-rep':
      ticket(field(2, 'ticket', true) as Tlv);
      break;
    case 'krb-error': {
      const stime = field(4, 'stime', true) as Tlv;
      message.stime = reader.generalizedTime(stime, 'stime');
      field(5, 'susec', true);
      const code = reader.integer(field(6, 'errorCode', true) as Tlv, 'error-code');
      message.errorCode = code;
      message.errorName = kerberosErrorName(code);
      message.errorMeaning = kerberosErrorMeaning(code);
      const crealm = field(7, 'crealm', false);
      if (crealm) message.crealm = reader.string(crealm, 'crealm');
      const cname = field(8, 'cname', false);
      if (cname) message.cname = readPrincipalName(reader, cname, level).name;
      message.realm = reader.string(field(9, 'realm', true) as Tlv, 'realm');
      const sname = readPrincipalName(reader, field(10, 'sname', true) as Tlv, level);
      message.sname = sname.name;
      message.snameType = sname.nameType;
      message.errorFrom = kerberosErrorSender(message.errorName, sname.name);
      const eText = field(11, 'eText', false);
      if (eText) message.eText = reader.string(eText, 'e-text');
      message.eData = field(12, 'eData', false) !== null;
      break;
    }
  }
  return message;
}

/**
 * KDC-REQ-BODY ::= SEQUENCE { kdc-options [0], cname [1] OPTIONAL, realm [2], sname [3] OPTIONAL, from [4] OPTIONAL,
 * till [5], rtime [6] OPTIONAL, nonce [7], etype [8] SEQUENCE OF Int32, … }, RFC 4120 §5.4.1.
 */
function readRequestBody(
  reader: DerReader,
  tlv: Tlv,
  depth: number,
  message: Mutable<KerberosMessage>,
  spans: Record<string, ByteRange>,
): void {
  const fields = reader.taggedFields(tlv, depth, 'KDC-REQ-BODY');
  const need = (tag: number, name: string): Tlv => {
    const found = fields[tag];
    if (!found) abort('krb-missing-field', `KDC-REQ-BODY: required field ${name} [${tag}] is missing`, tlv.start);
    return found;
  };
  reader.bitString(need(0, 'kdc-options'), 'kdc-options');
  const cname = fields[1];
  if (cname) message.cname = readPrincipalName(reader, cname, depth + 2).name;
  message.realm = reader.string(need(2, 'realm'), 'realm');
  // In the AS exchange the realm is the client's too (RFC 4120 §5.4.1).
  message.crealm = cname && message.message === 'as-req' ? message.realm : null;
  const sname = fields[3];
  if (sname) {
    const read = readPrincipalName(reader, sname, depth + 2);
    message.sname = read.name;
    message.snameType = read.nameType;
  }
  reader.generalizedTime(need(5, 'till'), 'till');
  reader.integer(need(7, 'nonce'), 'nonce');
  const etypes = need(8, 'etype');
  reader.expect(etypes, 'universal', UniversalTag.SEQUENCE, 'etype');
  message.requestedEtypes = reader.children(etypes, depth + 2).map((etype) => reader.integer(etype, 'etype'));
  spans['requestedEtypes'] = [etypes.start, etypes.end];
}

/** Ticket ::= [APPLICATION 1] SEQUENCE { tkt-vno, realm, sname, enc-part }, RFC 4120 §5.3. */
function readTicket(reader: DerReader, tlv: Tlv, depth: number, spans: Record<string, ByteRange>) {
  reader.expect(tlv, 'application', 1, 'Ticket');
  const [sequence] = reader.children(tlv, depth);
  if (!sequence) abort('krb-missing-field', 'Ticket is empty', tlv.start);
  const fields = reader.taggedFields(sequence, depth + 1, 'Ticket');
  const need = (tag: number, name: string): Tlv => {
    const found = fields[tag];
    if (!found) abort('krb-missing-field', `Ticket: required field ${name} [${tag}] is missing`, sequence.start);
    spans[name] = [found.start, found.end];
    return found;
  };
  const tktVno = reader.integer(need(0, 'tktVno'), 'tkt-vno');
  if (tktVno !== 5) reader.warnings.push(problem('krb-pvno', `ticket tkt-vno ${tktVno}, expected 5`, sequence.start));
  const realm = reader.string(need(1, 'realm'), 'realm');
  const sname = readPrincipalName(reader, need(2, 'sname'), depth + 3);
  const encPart = readEncryptedData(reader, need(3, 'ticketEncPart'), depth + 3, 'ticket enc-part');
  return { realm, sname: sname.name, snameType: sname.nameType, encPart };
}

/** PrincipalName ::= SEQUENCE { name-type [0] Int32, name-string [1] SEQUENCE OF KerberosString }, RFC 4120 §5.2.2. */
function readPrincipalName(reader: DerReader, tlv: Tlv, depth: number): { name: string; nameType: number } {
  const fields = reader.taggedFields(tlv, depth, 'PrincipalName');
  const nameType = fields[0];
  const nameString = fields[1];
  if (!nameType || !nameString) abort('krb-missing-field', 'PrincipalName lacks name-type or name-string', tlv.start);
  reader.expect(nameString, 'universal', UniversalTag.SEQUENCE, 'name-string');
  const parts = reader.children(nameString, depth + 2).map((part) => reader.string(part, 'name-string'));
  return { name: parts.join('/'), nameType: reader.integer(nameType, 'name-type') };
}

/** EncryptedData ::= SEQUENCE { etype [0] Int32, kvno [1] UInt32 OPTIONAL, cipher [2] OCTET STRING }, RFC 4120 §5.2.9. */
function readEncryptedData(reader: DerReader, tlv: Tlv, depth: number, what: string): EncryptedData {
  const fields = reader.taggedFields(tlv, depth, what);
  const etype = fields[0];
  const cipher = fields[2];
  if (!etype || !cipher) abort('krb-missing-field', `${what}: EncryptedData lacks etype or cipher`, tlv.start);
  reader.octetString(cipher, `${what} cipher`);
  const kvno = fields[1];
  return { etype: reader.integer(etype, `${what} etype`), kvno: kvno ? reader.integer(kvno, `${what} kvno`) : null };
}
