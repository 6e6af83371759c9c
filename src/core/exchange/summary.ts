// What an exchange amounts to: schemes offered, mechanism used, outcome, and whether it is a problem for the
// badge. Each answer comes from evidence in the exchange; when the browser hid it, the answer says so.
import type { Mechanism } from '../decode/gssapi/oids';
import { type MechanismEvidenceKind, type MechanismReading, carriesServerToken, readMechanism } from './mechanism';
import type { Exchange } from './model';

export type Outcome = 'authenticated' | 'rejected' | 'no-token-sent' | 'header-too-large' | 'loop' | 'anonymous' | 'unknown';

export interface ExchangeSummary {
  /** Schemes the server offered, in order, without repeats (e.g. ["Negotiate", "NTLM"]). */
  readonly offered: readonly string[];
  readonly mechanism: Mechanism | null;
  /** Where the mechanism came from: a token read, the prompt's scheme, the browser's NetLog, or an inference. */
  readonly mechanismEvidence: MechanismEvidenceKind | null;
  /** The mechanism with its reason, the protocol rule it rests on, its facts and caveats. */
  readonly mechanismReading: MechanismReading;
  readonly outcome: Outcome;
  /** Largest request head seen with credentials (bytes), when the browser showed the headers. */
  readonly requestAuthBytes: number | null;
}

/** A 401 after credentials this many times is a loop (“Troubleshoot Kerberos failures in Internet Explorer”: three prompts, then 401). */
const LOOP_THRESHOLD = 3;

/** Exchanges are immutable: each is summarized once, however often the badge re-reads its tab. */
const summaries = new WeakMap<Exchange, ExchangeSummary>();

export function summarizeExchange(exchange: Exchange): ExchangeSummary {
  let summary = summaries.get(exchange);
  if (!summary) {
    summary = computeSummary(exchange);
    summaries.set(exchange, summary);
  }
  return summary;
}

function computeSummary(exchange: Exchange): ExchangeSummary {
  const offered: string[] = [];
  const seen = new Set<string>();
  let requestAuthBytes: number | null = null;
  let rejectedAfterCredentials = 0;
  let credentialsSeen = exchange.prompts.length > 0;
  let serverToken = false;
  for (const leg of exchange.legs) {
    const credentials = leg.request?.credentials ?? leg.request?.proxyCredentials ?? null;
    if (credentials) {
      credentialsSeen = true;
      if (leg.request?.headBytes != null) requestAuthBytes = Math.max(requestAuthBytes ?? 0, leg.request.headBytes);
    }
    for (const challenge of [...(leg.response?.challenges ?? []), ...(leg.response?.proxyChallenges ?? [])]) {
      const key = challenge.scheme.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        offered.push(challenge.scheme);
      }
      // A server token (NTLM CHALLENGE, SPNEGO answer, KRB-ERROR) answers a token the browser sent.
      if (carriesServerToken(challenge)) serverToken = true;
    }
    if (serverToken) credentialsSeen = true;
    const status = leg.response?.status;
    if ((status === 401 || status === 407) && credentialsSeen) rejectedAfterCredentials++;
  }
  const finalStatus = exchange.finalStatus ?? exchange.legs[exchange.legs.length - 1]?.response?.status ?? null;
  const challenged = offered.length > 0;
  let outcome: Outcome;
  if (finalStatus === null) outcome = 'unknown';
  // Chromium hides the legs it answers with its own token: a 400 right after a hidden leg is the token's. http.sys
  // answers 400 (Request Header too long), other servers 431 (RFC 6585 §5).
  else if ((finalStatus === 400 || finalStatus === 431) && (credentialsSeen || exchange.hiddenLegs)) outcome = 'header-too-large';
  else if (finalStatus === 401 || finalStatus === 407) {
    // A final 401 with a bare challenge and no sign of credentials means no usable token was sent (docs/platform-notes.md).
    if (rejectedAfterCredentials >= LOOP_THRESHOLD || exchange.prompts.length >= LOOP_THRESHOLD) outcome = 'loop';
    else if (credentialsSeen) outcome = 'rejected';
    // Chromium retried behind our back: whether that retry carried a token is hidden (NetLog shows it).
    else if (exchange.hiddenLegs) outcome = 'unknown';
    else outcome = 'no-token-sent';
  } else if (challenged || credentialsSeen || exchange.legs.at(-1)?.response?.persistentAuth) {
    // Persistent-Auth on the final response: the server authenticated this connection, even when the earlier
    // legs were not captured (a worker restart) — “Windows Authentication HTTP Request Flow in IIS”.
    outcome = 'authenticated';
  } else outcome = 'anonymous';

  const mechanismReading = readMechanism(exchange, { offered, authenticated: outcome === 'authenticated', requestAuthBytes });
  return {
    offered,
    mechanism: mechanismReading.mechanism,
    mechanismEvidence: mechanismReading.evidence,
    mechanismReading,
    outcome,
    requestAuthBytes,
  };
}
