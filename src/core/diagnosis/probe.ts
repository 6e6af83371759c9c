// What this computer says about a URL (authscope probe): the name and SPN the browser would use, the user's ticket,
// the service ticket the KDC gives for the SPN, the browser's policy, and the handshake this computer's curl ran.
// The handshake goes through the exchange rules like any capture; the other facts become verdicts with the same rule
// ids (spn-unknown, no-kerberos-credentials, weak-etype, not-allowlisted, ntlm-used) and the same advice.
import { ENCRYPTION_TYPES } from '../decode/kerberos/constants';
import type { Evidence, Exchange } from '../exchange/model';
import { summarizeExchange } from '../exchange/summary';
import { newExchange } from '../exchange/capture';
import { ADVICE, finding } from './advice';
import type { Finding, RuleId, Verdict } from './finding';
import { diagnoseExchange } from './findings';
import { rankFindings } from './rank';

/** Why a ticket could not be had, by what the KDC or the library said. */
export type TicketError =
  'KDC_ERR_S_PRINCIPAL_UNKNOWN' | 'no-credentials' | 'ticket-expired' | 'KDC_ERR_ETYPE_NOSUPP' | 'kdc-unreachable' | 'clock-skew' | 'other';

export interface TicketResult {
  readonly ok: boolean;
  readonly spn: string;
  /** The service ticket's encryption type by name (aes256-cts-hmac-sha1-96, rc4-hmac), when the tools say. */
  readonly etype: string | null;
  readonly error: TicketError | null;
  /** The tool's own words (one line), the evidence. */
  readonly said: string;
}

export interface CredentialCache {
  /** A ticket-granting ticket is there and not expired. */
  readonly tgt: boolean;
  readonly principal: string | null;
  /** When the TGT expires, as the tool printed it (local time). */
  readonly expires: string | null;
  readonly said: string;
}

/** Whether an etype name is one of the weak ones (RC4, DES: RFC 6649, RFC 8429). */
export function isWeakEtypeName(name: string): boolean {
  const known = Object.values(ENCRYPTION_TYPES).find(([known]) => known === name.toLowerCase());
  return known ? known[1] : /rc4|des/i.test(name);
}

/** May the browser send the user's Windows credentials to this host, and on what grounds. */
export interface PolicyReading {
  /** "chromium", "chrome", "edge" or "firefox". */
  readonly browser: string;
  /** true / false when a setting decides; null when the system decides (Windows' Local intranet zone). */
  readonly allows: boolean | null;
  /** The setting that decided, e.g. "AuthServerAllowlist = *.corp.example (/etc/chromium/policies/managed/x.json)". */
  readonly basis: string;
  /** Every setting read that bears on Windows authentication, by name. */
  readonly values: Readonly<Record<string, string>>;
}

export interface ProbeFacts {
  readonly url: string;
  readonly host: string;
  /** The name the SPN is built from (CNAME chain followed), null when the lookup failed. */
  readonly canonicalName: string | null;
  /** How the canonical name was found ("getent ahosts", "DNS CNAME"), or why not. */
  readonly nameSource: string;
  readonly ipHost: boolean;
  readonly spn: string;
  readonly credentials: CredentialCache | null;
  readonly ticket: TicketResult | null;
  /** The server's Date against this computer's clock, in seconds (positive: the server is ahead). */
  readonly clockSkewSeconds: number | null;
  readonly policy: PolicyReading | null;
  /** The handshake curl ran, as an exchange, and what curl's GSSAPI / SSPI layer said. */
  readonly exchange: Exchange | null;
  readonly curlNotes: readonly string[];
  /** The tools that were not there, each with how to get it. */
  readonly missing: readonly string[];
}

const here = (name: string, value: string): Evidence => ({ leg: null, source: 'this computer', name, value });

/** An exchange with no legs for the URL: the advice's context when curl did not run the handshake. */
function noHandshake(url: string): Exchange {
  const start = { id: 'probe', requestId: 'probe', browser: 'curl', url, method: 'GET', resourceType: 'other' } as const;
  return { ...newExchange({ ...start, tabId: -1, frameId: 0, initiator: null, startedAt: 0 }), done: true };
}

function probeVerdicts(facts: ProbeFacts, exchange: Exchange): Verdict[] {
  const verdicts: Verdict[] = [];
  const add = (id: RuleId, severity: Verdict['severity'], title: string, evidence: Evidence[]) =>
    verdicts.push({ id, severity, title, exchangeId: exchange.id, url: facts.url, evidence });
  // The browser's first gate: without permission it asks the KDC nothing.
  if (facts.policy?.allows === false) {
    add('not-allowlisted', 'error', `${facts.host} is not allowed to receive your Windows credentials (${facts.policy.browser})`, [
      here(`${facts.policy.browser} policy`, facts.policy.basis),
    ]);
  }
  const offered = exchange.legs.length > 0 ? summarizeExchange(exchange).offered.map((scheme) => scheme.toLowerCase()) : [];
  if (offered.includes('ntlm') && !offered.includes('negotiate')) {
    add('ntlm-used', 'info', 'The server offers only NTLM: browsers sign in with NTLM here, never Kerberos', [
      here('curl: WWW-Authenticate', 'NTLM (no Negotiate)'),
    ]);
    // No Negotiate, no ticket asked for: what the KDC would say does not matter to the browser here.
    return verdicts;
  }
  const ticket = facts.ticket;
  const curlSaid = facts.curlNotes.map((note) => here('curl', note));
  if (ticket?.error === 'KDC_ERR_S_PRINCIPAL_UNKNOWN') {
    add('spn-unknown', 'error', `The KDC does not know the SPN ${facts.spn}`, [here(`ticket for ${facts.spn}`, ticket.said), ...curlSaid]);
  }
  const noTgt = facts.credentials !== null && !facts.credentials.tgt;
  const refused = ticket?.error === 'no-credentials' || ticket?.error === 'ticket-expired';
  if (noTgt || refused) {
    add('no-kerberos-credentials', 'error', 'No Kerberos credentials: the user has no ticket-granting ticket', [
      ...(noTgt && facts.credentials ? [here('ticket-granting ticket', facts.credentials.said)] : []),
      ...(refused && ticket ? [here(`ticket for ${facts.spn}`, ticket.said)] : []),
      ...curlSaid,
    ]);
  }
  if (ticket?.ok && ticket.etype && isWeakEtypeName(ticket.etype)) {
    add('weak-etype', 'warning', `The service ticket for ${facts.spn} is encrypted with ${ticket.etype}`, [
      here(`ticket for ${facts.spn}`, `${ticket.said} · encryption ${ticket.etype}`),
    ]);
  }
  if (offered.includes('ntlm') && ticket !== null && !ticket.ok) {
    add('ntlm-fallback', 'warning', 'Negotiate offered, but no Kerberos ticket here: the browser falls back to NTLM', [
      here('curl: WWW-Authenticate', 'Negotiate and NTLM'),
      here(`ticket for ${facts.spn}`, ticket.said),
    ]);
  }
  return verdicts;
}

/** What curl does that a browser does not: it sends its token with the first request (so that request is
 *  "pre-authenticated"), and it answers Negotiate only, never NTLM (so its silence at an NTLM offer is its own). */
function curlArtifact(finding: Finding, offered: readonly string[]): boolean {
  if (finding.id === 'preauth-first-request') return true;
  return finding.id === 'no-token-sent' && offered.includes('ntlm');
}

/** The probe's findings, the most likely cause first: this computer's facts, then what curl's handshake showed. */
export function probeFindings(facts: ProbeFacts): Finding[] {
  const base = facts.exchange ?? noHandshake(facts.url);
  // The advice names the SPN this computer's library asks for (a CNAME can change it).
  const exchange: Exchange = {
    ...base,
    authLibrary: { allowsDefaultCredentials: facts.policy?.allows ?? null, spn: facts.spn, delegationRequested: null, events: [] },
  };
  const context = { exchange, summary: summarizeExchange(exchange), environment: {} };
  const own = probeVerdicts(facts, exchange).map((verdict) => finding(verdict, ADVICE[verdict.id](verdict, context)));
  const offered = facts.exchange ? summarizeExchange(facts.exchange).offered.map((scheme) => scheme.toLowerCase()) : [];
  const handshake = facts.exchange
    ? diagnoseExchange(facts.exchange).filter((item) => !curlArtifact(item, offered) && !own.some((mine) => mine.id === item.id))
    : [];
  return rankFindings([...own, ...handshake]);
}
