// Kerberos message decoder for what crosses HTTP: AP-REQ, AP-REP and KRB-ERROR (RFC 4120 §5.5.1, §5.5.2, §5.9.1).
// The encrypted parts are not decryptable by us; we read their etype and kvno, which is what diagnosis needs.
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

export type KerberosMessageKind = 'ap-req' | 'ap-rep' | 'krb-error';

/** APPLICATION tag numbers, RFC 4120 §5.10. */
export const KerberosApplicationTag = { 'ap-req': 14, 'ap-rep': 15, 'krb-error': 30 } as const;

/** A decoded Kerberos message; fields that its kind does not carry are null. */
export interface KerberosMessage {
  readonly message: KerberosMessageKind;
  readonly pvno: number;
  /** AP-REQ: the ticket's realm; KRB-ERROR: the server realm. */
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
  /** AP-REP enc-part etype. */
  readonly encEtype: number | null;
  readonly errorCode: number | null;
  readonly errorName: string | null;
  readonly errorMeaning: string | null;
  /** KRB-ERROR: who sent it, the KDC or the server that got the AP-REQ; null when the code does not say. */
  readonly errorFrom: KerberosErrorSender | null;
  readonly eText: string | null;
  readonly eData: boolean;
  readonly stime: string | null;
  readonly cname: string | null;
  readonly crealm: string | null;
  readonly spans: Readonly<Record<string, ByteRange>>;
}

interface EncryptedData {
  readonly etype: number;
  readonly kvno: number | null;
}

/** Kind of a Kerberos message from its APPLICATION tag, or null. */
export function kerberosKindOfTag(tlv: Tlv): KerberosMessageKind | null {
  if (tlv.tagClass !== 'application') return null;
  switch (tlv.tagNumber) {
    case KerberosApplicationTag['ap-req']:
      return 'ap-req';
    case KerberosApplicationTag['ap-rep']:
      return 'ap-rep';
    case KerberosApplicationTag['krb-error']:
      return 'krb-error';
    default:
      return null;
  }
}

/** Decodes the Kerberos message whose APPLICATION element is `outer`; aborts on malformed input. */
export function readKerberosMessage(reader: DerReader, outer: Tlv, depth: number): KerberosMessage {
  const kind = kerberosKindOfTag(outer);
  if (!kind) abort('krb-unknown-message', `APPLICATION [${outer.tagNumber}] is not AP-REQ, AP-REP or KRB-ERROR`, outer.start);
  const children = reader.children(outer, depth);
  const sequence = children[0];
  if (!sequence || children.length !== 1) abort('der-size-mismatch', `${kind} must hold exactly one SEQUENCE`, outer.valueStart);
  const fields = reader.taggedFields(sequence, depth + 1, kind);
  const spans: Record<string, ByteRange> = {};
  const field = (tag: number, name: string, required: boolean): Tlv | null => {
    const tlv = fields[tag] ?? null;
    if (!tlv && required) abort('krb-missing-field', `${kind}: required field ${name} [${tag}] is missing`, sequence.start);
    if (tlv) spans[name] = [tlv.start, tlv.end];
    return tlv;
  };
  const pvno = reader.integer(field(0, 'pvno', true) as Tlv, 'pvno');
  if (pvno !== 5) reader.warnings.push(problem('krb-pvno', `Kerberos pvno ${pvno}, expected 5`, sequence.start));
  const msgType = reader.integer(field(1, 'msgType', true) as Tlv, 'msg-type');
  if (msgType !== KerberosApplicationTag[kind]) {
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
  const level = depth + 3;
  if (kind === 'ap-req') {
    // APOptions ::= KerberosFlags { reserved(0), use-session-key(1), mutual-required(2) }, RFC 4120 §5.5.1.
    const { bits } = reader.bitString(field(2, 'apOptions', true) as Tlv, 'ap-options');
    message.useSessionKey = bits[1] ?? false;
    message.mutualRequired = bits[2] ?? false;
    const ticket = readTicket(reader, field(3, 'ticket', true) as Tlv, level, spans);
    message.realm = ticket.realm;
    message.sname = ticket.sname;
    message.snameType = ticket.snameType;
    message.ticketEtype = ticket.encPart.etype;
    message.ticketEtypeName = etypeName(ticket.encPart.etype);
    message.ticketKvno = ticket.encPart.kvno;
    message.authenticatorEtype = readEncryptedData(reader, field(4, 'authenticator', true) as Tlv, level, 'authenticator').etype;
    if (isWeakEtype(ticket.encPart.etype)) {
      reader.warnings.push(
        problem('krb-weak-etype', `ticket encrypted with weak ${message.ticketEtypeName}`, spans['ticket']?.[0] ?? outer.start),
      );
    }
  } else if (kind === 'ap-rep') {
    message.encEtype = readEncryptedData(reader, field(2, 'encPart', true) as Tlv, level, 'enc-part').etype;
  } else {
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
  }
  return message;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

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
