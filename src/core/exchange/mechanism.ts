// Which mechanism an exchange used: read from a token when one was seen, otherwise inferred from what the source
// did show — the browser's auth log, the legs and their token sizes, the final answer — with the facts and the
// protocol rule each inference rests on. One reading for live capture (Chromium hides its own legs), NetLogs
// (Default mode strips tokens), HAR files and Firefox alike.
import { type Mechanism, mechanismOfOid } from '../decode/gssapi/oids';
import { describeAuthItem } from './describe';
import type { AuthItem, Evidence, Exchange } from './model';

/** Where the mechanism came from: a token read (the browser's or the server's), the prompt's scheme, the browser's
 *  own auth log (NetLog), or an inference from what was visible. */
export type MechanismEvidenceKind = 'client-token' | 'server-token' | 'prompt' | 'netlog' | 'inferred';

export interface MechanismReading {
  readonly mechanism: Mechanism | null;
  readonly evidence: MechanismEvidenceKind | null;
  /** Why, in one clause a helpdesk engineer can check against the facts. */
  readonly reason: string | null;
  /** The protocol rule the reading rests on, e.g. "RFC 4178 §5". */
  readonly basis: string | null;
  /** The facts it rests on, then any agreeing facts from weaker sources. */
  readonly facts: readonly Evidence[];
  /** What weakens it: a server other than IIS, a weaker source that disagrees, an estimate that cannot tell. */
  readonly caveats: readonly string[];
}

/** An NTLM NEGOTIATE is 32–40 bytes (MS-NLMP §2.2.1.1), ~75–130 wrapped in a SPNEGO NegTokenInit. */
export const NTLM_NEGOTIATE_MAX_BYTES = 160;
/** An AP-REQ carries a ticket and an authenticator (RFC 4120 §5.5.1): ~760 bytes from an MIT KDC without a PAC,
 *  1–12 KB from Active Directory, whose tickets carry the user's groups (the PAC). */
export const KERBEROS_AP_REQ_MIN_BYTES = 400;

/** Microsoft's estimate from the request size: > 2,000 bytes Kerberos, < 1,400 bytes NTLM ("Troubleshoot Kerberos
 *  failures in Internet Explorer", Microsoft Learn). Tickets without a PAC fall between the bands. */
export const KERBEROS_MIN_REQUEST_BYTES = 2000;
export const NTLM_MAX_REQUEST_BYTES = 1400;

/** GSS-API name type of a Kerberos principal (RFC 1964 §2.1.1, GSS_KRB5_NT_PRINCIPAL_NAME). */
const OID_KRB5_PRINCIPAL_NAME = '1.2.840.113554.1.2.2.1';

const NONE: MechanismReading = { mechanism: null, evidence: null, reason: null, basis: null, facts: [], caveats: [] };

/** The decoded size of the token an item carried: read from the token, or estimated from a stripped length. */
export function tokenBytes(item: AuthItem, where: 'request' | 'response'): number | null {
  if (item.summary && !item.summary.error) return item.summary.byteLength;
  if (item.strippedLength == null) return null;
  // A NetLog strips an Authorization value whole ("Negotiate <base64>"), a challenge only after its scheme.
  const base64 = where === 'request' && item.scheme ? item.strippedLength - item.scheme.length - 1 : item.strippedLength;
  return Math.max(0, Math.floor((base64 * 3) / 4));
}

/** The server answered with a token (NTLM CHALLENGE, SPNEGO answer, KRB-ERROR), even one the source stripped. */
export function carriesServerToken(item: AuthItem): boolean {
  return item.token !== null || item.summary !== null || (item.strippedLength ?? 0) > 0;
}

/** Microsoft's size estimate for a request head with credentials. */
export function estimateFromRequestSize(requestBytes: number): Mechanism | 'between' {
  return requestBytes > KERBEROS_MIN_REQUEST_BYTES ? 'kerberos' : requestBytes < NTLM_MAX_REQUEST_BYTES ? 'ntlm' : 'between';
}

const NAMES: Record<Mechanism, string> = { kerberos: 'Kerberos', ntlm: 'NTLM' };

interface Sent {
  readonly leg: number;
  readonly item: AuthItem;
  readonly header: 'Authorization' | 'Proxy-Authorization';
}

function sentCredentials(exchange: Exchange): Sent[] {
  const sent: Sent[] = [];
  exchange.legs.forEach((leg, index) => {
    if (leg.request?.credentials) sent.push({ leg: index, item: leg.request.credentials, header: 'Authorization' });
    else if (leg.request?.proxyCredentials) sent.push({ leg: index, item: leg.request.proxyCredentials, header: 'Proxy-Authorization' });
  });
  return sent;
}

const sentFact = ({ leg, item, header }: Sent): Evidence => ({ leg, source: 'request', name: header, value: describeAuthItem(item) });

function fromClientToken(sent: readonly Sent[]): MechanismReading | null {
  const last = [...sent].reverse().find(({ item }) => item.summary?.mechanism);
  if (!last?.item.summary?.mechanism) return null;
  return {
    ...NONE,
    mechanism: last.item.summary.mechanism,
    evidence: 'client-token',
    reason: `the browser's ${last.item.summary.kind} token was decoded`,
    facts: [sentFact(last)],
  };
}

function fromServerToken(exchange: Exchange): MechanismReading | null {
  for (let index = exchange.legs.length - 1; index >= 0; index--) {
    const response = exchange.legs[index]?.response;
    const item = [...(response?.challenges ?? []), ...(response?.proxyChallenges ?? [])].find((candidate) => candidate.summary?.mechanism);
    const summary = item?.summary;
    if (!item || !summary?.mechanism || !response) continue;
    const negotiated = summary.kind === 'spnego-resp';
    return {
      ...NONE,
      mechanism: summary.mechanism,
      evidence: 'server-token',
      reason: negotiated
        ? `the server's SPNEGO answer names ${NAMES[summary.mechanism]} as the mechanism it chose (supportedMech)`
        : `the server answered with a ${summary.kind} token`,
      basis: negotiated ? 'RFC 4178 §4.2.2 (supportedMech) and §5' : summary.mechanism === 'ntlm' ? 'MS-NLMP §1.3.1.1' : 'RFC 4120 §3.2',
      facts: [{ leg: index, source: 'token', name: `${response.status} ${item.scheme} token`, value: describeAuthItem(item) }],
    };
  }
  return null;
}

/** SSPI package names as Chromium logs them on Windows (QueryContextAttributes SECPKG_ATTR_PACKAGE_INFO). */
function mechanismOfContext(mechanism: string): Mechanism | null {
  const byOid = mechanismOfOid(mechanism);
  if (byOid) return byOid;
  const name = mechanism.toLowerCase();
  return name === 'kerberos' ? 'kerberos' : name === 'ntlm' ? 'ntlm' : null;
}

function fromAuthLibrary(exchange: Exchange, sent: readonly Sent[]): MechanismReading | null {
  const library = exchange.authLibrary;
  if (!library || sent.length === 0) return null;
  const contexts = (library.contexts ?? []).filter((context) => context.error === null);
  const established = [...contexts].reverse().find((context) => context.mechanism && mechanismOfContext(context.mechanism));
  const handler = [...(library.handlers ?? [])].reverse().find((candidate) => candidate.netError === null);
  const handlerFact: Evidence[] = handler
    ? [{ leg: null, source: 'netlog', name: 'AUTH_HANDLER_CREATE_RESULT', value: `scheme ${handler.scheme}` }]
    : [];
  if (established?.mechanism) {
    const mechanism = mechanismOfContext(established.mechanism) as Mechanism;
    return {
      ...NONE,
      mechanism,
      evidence: 'netlog',
      reason: `the browser's auth library reports a ${NAMES[mechanism]} security context`,
      basis: 'the browser’s own log (NetLog AUTH_LIBRARY_INIT_SEC_CTX context mechanism)',
      facts: [{ leg: null, source: 'netlog', name: 'AUTH_LIBRARY_INIT_SEC_CTX', value: `context mechanism ${established.mechanism}` }],
    };
  }
  if (handler?.scheme.toLowerCase() === 'ntlm') {
    return {
      ...NONE,
      mechanism: 'ntlm',
      evidence: 'netlog',
      reason: "the browser's NTLM handler made the credentials",
      basis: 'the browser’s own log (NetLog AUTH_HANDLER_CREATE_RESULT scheme)',
      facts: [...handlerFact, ...sent.slice(-1).map(sentFact)],
    };
  }
  const kerberosCredential = [...contexts].reverse().find((context) => context.sourceNameType === OID_KRB5_PRINCIPAL_NAME);
  if (handler?.scheme.toLowerCase() === 'negotiate' && kerberosCredential) {
    return {
      ...NONE,
      mechanism: 'kerberos',
      evidence: 'inferred',
      reason: 'the Negotiate handler built its security context for a Kerberos principal, so the token SPNEGO sent was a Kerberos AP-REQ',
      basis: 'RFC 1964 §2.1.1 (Kerberos principal name type) and RFC 4178 §3 (the optimistic token is the first mechanism’s)',
      facts: [
        ...handlerFact,
        {
          leg: null,
          source: 'netlog',
          name: 'AUTH_LIBRARY_INIT_SEC_CTX',
          value: `source name type ${OID_KRB5_PRINCIPAL_NAME} (Kerberos principal)`,
        },
      ],
    };
  }
  return null;
}

function fromPrompt(exchange: Exchange): MechanismReading | null {
  const prompt = exchange.prompts[exchange.prompts.length - 1];
  if (prompt?.scheme.toLowerCase() !== 'ntlm') return null;
  return {
    ...NONE,
    mechanism: 'ntlm',
    evidence: 'prompt',
    reason: 'the browser asked for NTLM credentials',
    facts: [{ leg: null, source: 'prompt', name: 'onAuthRequired', value: `scheme ${prompt.scheme} from ${prompt.challenger}` }],
  };
}

/** A credential header whose scheme can carry only one mechanism ("NTLM", "Kerberos"), its token unread. */
function fromCredentialScheme(sent: readonly Sent[]): MechanismReading | null {
  const last = [...sent].reverse().find(({ item }) => item.kind === 'ntlm' || item.kind === 'kerberos');
  if (!last) return null;
  const mechanism: Mechanism = last.item.kind === 'ntlm' ? 'ntlm' : 'kerberos';
  return {
    ...NONE,
    mechanism,
    evidence: 'inferred',
    reason: `the credentials use the ${last.item.scheme} scheme, which carries only ${NAMES[mechanism]}`,
    basis: mechanism === 'ntlm' ? 'MS-NTHT §2.2.2 (NTLM over HTTP)' : 'RFC 4559 §4',
    facts: [sentFact(last)],
  };
}

/**
 * From the legs that carried credentials and the sizes of their tokens (NetLog Default mode keeps the sizes): NTLM
 * opens with a NEGOTIATE of tens of bytes and needs a second leg after the server's CHALLENGE; Kerberos sends one
 * AP-REQ of a kilobyte or so right after the bare challenge (MS-NLMP §1.3.1.1, RFC 4120 §3.2).
 */
function fromLegStructure(exchange: Exchange, sent: readonly Sent[]): MechanismReading | null {
  // The last handshake round starts at a credential that answers a bare challenge (no server token before it).
  const opening = [...sent].reverse().find(({ leg }) => {
    const previous = exchange.legs[leg - 1]?.response;
    return !previous || ![...previous.challenges, ...previous.proxyChallenges].some(carriesServerToken);
  });
  if (!opening) return null;
  const bytes = tokenBytes(opening.item, 'request');
  const answer = exchange.legs[opening.leg]?.response;
  const challengeAnswer =
    answer &&
    (answer.status === 401 || answer.status === 407) &&
    [...answer.challenges, ...answer.proxyChallenges].find(carriesServerToken);
  const second = sent.find(({ leg }) => leg === opening.leg + 1);
  const facts: Evidence[] = [sentFact(opening)];
  if (challengeAnswer && answer) {
    const size = tokenBytes(challengeAnswer, 'response');
    facts.push({
      leg: opening.leg,
      source: 'response',
      name: `${answer.status} ${challengeAnswer.scheme} token`,
      value: size === null ? describeAuthItem(challengeAnswer) : `${size} bytes${challengeAnswer.summary ? '' : ' (size only)'}`,
    });
  }
  if (second) facts.push(sentFact(second));
  const basis = 'MS-NLMP §1.3.1.1 (NEGOTIATE, CHALLENGE, AUTHENTICATE) and RFC 4120 §3.2 (one AP-REQ)';
  if (bytes !== null && bytes <= NTLM_NEGOTIATE_MAX_BYTES) {
    return {
      ...NONE,
      mechanism: 'ntlm',
      evidence: 'inferred',
      reason: `the first credential is ${bytes} bytes, the size of an NTLM NEGOTIATE (an AP-REQ is never under ${KERBEROS_AP_REQ_MIN_BYTES})${second ? ', and a second credential followed the server’s answer' : ''}`,
      basis,
      facts,
    };
  }
  if (bytes !== null && bytes >= KERBEROS_AP_REQ_MIN_BYTES) {
    return {
      ...NONE,
      mechanism: 'kerberos',
      evidence: 'inferred',
      reason: `the first credential is ${bytes} bytes and answers a bare challenge: an NTLM token that large would be an AUTHENTICATE, which needs the server's CHALLENGE first, so it is a Kerberos AP-REQ`,
      basis,
      facts,
    };
  }
  if (bytes === null && second && challengeAnswer) {
    return {
      ...NONE,
      mechanism: 'ntlm',
      evidence: 'inferred',
      reason: 'two credentials around a server token in one round: NTLM needs two, Kerberos one',
      basis,
      facts,
      caveats: ['The token sizes are not known, so only the number of legs says it (a Kerberos retry after a KRB-ERROR also takes two).'],
    };
  }
  return null;
}

const isIis = (exchange: Exchange): boolean => exchange.legs.some((leg) => /Microsoft-(IIS|HTTPAPI)/i.test(leg.response?.server ?? ''));

/**
 * Chromium hides the legs that carry its tokens: only the offered challenge and the final response are seen. RFC 4178
 * §5: an acceptor that completes Kerberos answers with negState and supportedMech (IIS sends it on the 200); NTLM's
 * AUTHENTICATE needs no answer, so a Negotiate success without a final mechanism is NTLM inside Negotiate.
 */
function fromHiddenLegs(exchange: Exchange, offered: readonly string[], authenticated: boolean): MechanismReading | null {
  if (!exchange.hiddenLegs || !authenticated) return null;
  const schemes = offered.map((scheme) => scheme.toLowerCase());
  const first = exchange.legs.find((leg) => leg.response)?.response;
  const offeredFact: Evidence[] = first
    ? [{ leg: 0, source: 'response', name: `${first.status} WWW-Authenticate`, value: offered.join(', ') }]
    : [];
  const finalIndex = exchange.legs.length - 1;
  const final = exchange.legs[finalIndex]?.response;
  if (!final) return null;
  if (!schemes.includes('negotiate') && schemes.includes('ntlm')) {
    return {
      ...NONE,
      mechanism: 'ntlm',
      evidence: 'inferred',
      reason: 'the server offered only NTLM and the request was authenticated',
      basis: 'MS-NTHT §2.2.2 (NTLM over HTTP)',
      facts: [...offeredFact, { leg: finalIndex, source: 'response', name: 'final status', value: String(final.status) }],
    };
  }
  if (!schemes.includes('negotiate')) return null;
  const finalToken = final.challenges.find((item) => item.kind === 'negotiate' && carriesServerToken(item));
  if (finalToken?.summary?.mechanism) return null;
  const server = final.server ?? first?.server ?? null;
  return {
    ...NONE,
    mechanism: 'ntlm',
    evidence: 'inferred',
    reason: finalToken
      ? 'Negotiate succeeded behind hidden legs and the server’s final token names no mechanism (no supportedMech)'
      : 'Negotiate succeeded behind hidden legs and the final response carries no Negotiate token: a Kerberos success would have answered with one naming Kerberos',
    basis: 'RFC 4178 §5 and MS-SPNG §3.3.5.1 (the acceptor’s answer carries negState and supportedMech)',
    facts: [
      ...offeredFact,
      {
        leg: finalIndex,
        source: 'response',
        name: `${final.status} WWW-Authenticate`,
        value: finalToken ? describeAuthItem(finalToken) : '(no Negotiate token)',
      },
      ...(server ? [{ leg: finalIndex, source: 'response' as const, name: 'Server', value: server }] : []),
    ],
    caveats: isIis(exchange)
      ? []
      : [
          `The server is not IIS/http.sys${server ? ` (Server: ${server})` : ''}: some servers complete Kerberos without a final token, so this inference is weaker.`,
        ],
  };
}

/** Round-trip times as supporting evidence only: NTLM needs two hidden round trips, Kerberos one (never decides). */
function timingFact(exchange: Exchange): Evidence | null {
  const firstRequest = exchange.legs[0]?.request?.time;
  const firstResponse = exchange.legs[0]?.response?.time;
  const final = exchange.legs[exchange.legs.length - 1]?.response?.time;
  if (!exchange.hiddenLegs || firstRequest == null || firstResponse == null || final == null) return null;
  const roundTrip = firstResponse - firstRequest;
  const hidden = final - firstResponse;
  if (!(roundTrip > 0) || !(hidden >= 0)) return null;
  return {
    leg: null,
    source: 'summary',
    name: 'timing (supporting only)',
    value: `hidden legs took ${Math.round(hidden)} ms, ${(hidden / roundTrip).toFixed(1)}× the first round trip (${Math.round(roundTrip)} ms); NTLM needs two more round trips, Kerberos one`,
  };
}

/** Microsoft's size estimate, said next to the reading: it supports, disagrees, or cannot tell. */
function sizeNote(requestAuthBytes: number | null, reading: MechanismReading): string | null {
  if (requestAuthBytes === null || reading.evidence === 'client-token') return null;
  const estimate = estimateFromRequestSize(requestAuthBytes);
  if (estimate === 'between') {
    return `The request size (${requestAuthBytes} bytes) is between Microsoft's bands (NTLM < ${NTLM_MAX_REQUEST_BYTES}, Kerberos > ${KERBEROS_MIN_REQUEST_BYTES}): the size estimate cannot tell; Kerberos tickets without a PAC (MIT KDC) are this small.`;
  }
  if (reading.mechanism && estimate !== reading.mechanism) {
    return `Microsoft's size estimate (request ${requestAuthBytes} bytes) says ${NAMES[estimate]}, but the handshake says ${NAMES[reading.mechanism]}: the estimate is wrong here.`;
  }
  return null;
}

/** The mechanism of an exchange, with where it came from and why. */
export function readMechanism(
  exchange: Exchange,
  seen: { readonly offered: readonly string[]; readonly authenticated: boolean; readonly requestAuthBytes: number | null },
): MechanismReading {
  const sent = sentCredentials(exchange);
  const readings = [
    fromClientToken(sent),
    fromServerToken(exchange),
    fromAuthLibrary(exchange, sent),
    fromPrompt(exchange),
    fromCredentialScheme(sent),
    fromLegStructure(exchange, sent),
    fromHiddenLegs(exchange, seen.offered, seen.authenticated),
  ].filter((reading): reading is MechanismReading => reading !== null);
  const [strongest] = readings;
  if (!strongest) return NONE;
  const facts = [...strongest.facts];
  const caveats = [...strongest.caveats];
  const cited = new Set(facts.map((fact) => `${fact.leg}|${fact.name}|${fact.value}`));
  for (const weaker of readings.slice(1)) {
    if (weaker.mechanism !== strongest.mechanism) {
      caveats.push(`A weaker sign disagrees: ${weaker.reason} (${NAMES[weaker.mechanism as Mechanism]}).`);
      continue;
    }
    for (const fact of weaker.facts) {
      const key = `${fact.leg}|${fact.name}|${fact.value}`;
      if (!cited.has(key)) {
        cited.add(key);
        facts.push(fact);
      }
    }
  }
  const timing = timingFact(exchange);
  if (timing) facts.push(timing);
  const size = sizeNote(seen.requestAuthBytes, strongest);
  if (size) caveats.push(size);
  return { ...strongest, facts, caveats };
}
