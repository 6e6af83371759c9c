// SPNEGO NegotiationToken reader: NegTokenInit / NegTokenInit2 and NegTokenResp (RFC 4178 §4.2, MS-SPNG §2.2).
// The embedded mechToken / responseToken is handed to `readInner`, so the whole token decodes recursively.
import { type DerReader, type Tlv, UniversalTag } from '../asn1/der';
import { mechanismOidName } from '../gssapi/oids';
import { type ByteRange, type Problem, abort, problem } from '../result';

export type NegState = 'accept-completed' | 'accept-incomplete' | 'reject' | 'request-mic';

/** negState ENUMERATED values, RFC 4178 §4.2.2. */
const NEG_STATES: readonly NegState[] = ['accept-completed', 'accept-incomplete', 'reject', 'request-mic'];

/** ContextFlags bits, RFC 4178 §4.2.1. */
const CONTEXT_FLAGS = ['delegFlag', 'mutualFlag', 'replayFlag', 'sequenceFlag', 'anonFlag', 'confFlag', 'integFlag'];

/** NegHints of NegTokenInit2, MS-SPNG §2.2.1 (servers send "not_defined_in_RFC4178@please_ignore"). */
export interface NegHints {
  readonly hintName: string | null;
  readonly hintAddress: boolean;
}

/** A decoded NegotiationToken; `inner` is the decoded mechToken/responseToken of type `Inner`. */
export interface SpnegoToken<Inner> {
  readonly token: 'init' | 'resp';
  readonly mechTypes: readonly string[];
  readonly mechTypeNames: readonly string[];
  readonly reqFlags: readonly string[] | null;
  readonly negHints: NegHints | null;
  readonly negState: NegState | null;
  readonly supportedMech: string | null;
  readonly mechListMIC: boolean;
  readonly inner: Inner | null;
  /** Why the inner token could not be decoded, when it could not. */
  readonly innerError: Problem | null;
  readonly spans: Readonly<Record<string, ByteRange>>;
}

/** Decodes the embedded token in `[start, end)`; returns its value or the problem that stopped it. */
export type InnerTokenReader<Inner> = (start: number, end: number, depth: number) => { value: Inner } | { error: Problem };

/** Reads a NegotiationToken choice ([0] NegTokenInit, [1] NegTokenResp) at `choice`. */
export function readNegotiationToken<Inner>(
  reader: DerReader,
  choice: Tlv,
  depth: number,
  readInner: InnerTokenReader<Inner>,
): SpnegoToken<Inner> {
  if (choice.tagClass !== 'context' || (choice.tagNumber !== 0 && choice.tagNumber !== 1)) {
    abort(
      'spnego-bad-choice',
      `NegotiationToken must be [0] NegTokenInit or [1] NegTokenResp, found ${choice.tagClass} [${choice.tagNumber}]`,
      choice.start,
    );
  }
  const children = reader.children(choice, depth);
  const sequence = children[0];
  if (!sequence || children.length !== 1) abort('der-size-mismatch', 'NegotiationToken must hold one SEQUENCE', choice.valueStart);
  const fields = reader.taggedFields(sequence, depth + 1, choice.tagNumber === 0 ? 'NegTokenInit' : 'NegTokenResp');
  const spans: Record<string, ByteRange> = {};
  const span = (name: string, tlv: Tlv | undefined): void => {
    if (tlv) spans[name] = [tlv.start, tlv.end];
  };
  const level = depth + 3;
  let inner: Inner | null = null;
  let innerError: Problem | null = null;
  const embedded = (tlv: Tlv | undefined, name: string): void => {
    if (!tlv) return;
    reader.octetString(tlv, name);
    spans[name] = [tlv.valueStart, tlv.end];
    const decoded = readInner(tlv.valueStart, tlv.end, level);
    if ('value' in decoded) inner = decoded.value;
    else {
      innerError = decoded.error;
      reader.warnings.push(problem('spnego-inner-invalid', `${name} could not be decoded: ${decoded.error.message}`, decoded.error.offset));
    }
  };

  if (choice.tagNumber === 0) {
    const mechTypes = readMechTypes(reader, fields[0], level);
    const flagsTlv = fields[1];
    span('mechTypes', fields[0]);
    span('reqFlags', flagsTlv);
    const reqFlags = flagsTlv
      ? reader.bitString(flagsTlv, 'reqFlags').bits.flatMap((set, bit) => (set ? [CONTEXT_FLAGS[bit] ?? `flag${bit}`] : []))
      : null;
    embedded(fields[2], 'mechToken');
    // [3] is mechListMIC in RFC 4178 but negHints (a SEQUENCE) in MS-SPNG NegTokenInit2, whose MIC moves to [4].
    const third = fields[3];
    const hints = third && third.tagClass === 'universal' && third.tagNumber === UniversalTag.SEQUENCE ? third : null;
    const mic = hints ? fields[4] : third;
    span('negHints', hints ?? undefined);
    span('mechListMIC', mic);
    if (!(fields[0] !== undefined)) {
      reader.warnings.push(problem('spnego-no-mech-types', 'NegTokenInit has no mechTypes', sequence.start));
    }
    return {
      token: 'init',
      mechTypes,
      mechTypeNames: mechTypes.map(mechanismOidName),
      reqFlags,
      negHints: hints ? readNegHints(reader, hints, level) : null,
      negState: null,
      supportedMech: null,
      mechListMIC: mic !== undefined,
      inner,
      innerError,
      spans,
    };
  }

  const stateTlv = fields[0];
  let negState: NegState | null = null;
  if (stateTlv) {
    reader.expect(stateTlv, 'universal', UniversalTag.ENUMERATED, 'negState');
    const value = reader.integer(stateTlv, 'negState');
    negState = NEG_STATES[value] ?? null;
    if (negState === null) reader.warnings.push(problem('spnego-bad-neg-state', `negState ${value} is not defined`, stateTlv.start));
  }
  const mechTlv = fields[1];
  span('negState', stateTlv);
  span('supportedMech', mechTlv);
  span('mechListMIC', fields[3]);
  embedded(fields[2], 'responseToken');
  return {
    token: 'resp',
    mechTypes: [],
    mechTypeNames: [],
    reqFlags: null,
    negHints: null,
    negState,
    supportedMech: mechTlv ? reader.oid(mechTlv, 'supportedMech') : null,
    mechListMIC: fields[3] !== undefined,
    inner,
    innerError,
    spans,
  };
}

/** MechTypeList ::= SEQUENCE OF MechType, in the client's order of preference, RFC 4178 §4.1. */
function readMechTypes(reader: DerReader, tlv: Tlv | undefined, depth: number): string[] {
  if (!tlv) return [];
  reader.expect(tlv, 'universal', UniversalTag.SEQUENCE, 'mechTypes');
  return reader.children(tlv, depth).map((oid) => reader.oid(oid, 'mechType'));
}

function readNegHints(reader: DerReader, tlv: Tlv, depth: number): NegHints {
  const fields = reader.taggedFields(tlv, depth, 'NegHints');
  const name = fields[0];
  return { hintName: name ? reader.string(name, 'hintName') : null, hintAddress: fields[1] !== undefined };
}
