// The answer first: one sentence per exchange with its outcome in plain words, the mechanism (and whether it was read
// or inferred), the most likely cause and the next step — the panel's headline, the copied summary's first lines and
// the CLI's. Rule ids stay out of the sentence (the panel shows them on hover).
import { missingLegs } from '../diagnosis/evidence';
import type { Finding, RuleId } from '../diagnosis/finding';
import { likelyCause } from '../diagnosis/rank';
import type { Exchange } from '../exchange/model';
import { type Outcome, summarizeExchange } from '../exchange/summary';

export type HeadlineVerdict = 'worked' | 'failed' | 'no-sign-in' | 'in-progress';

export interface Headline {
  readonly verdict: HeadlineVerdict;
  /** "Worked", "Failed", "No sign-in needed", "Still in progress". */
  readonly label: string;
  /** "Kerberos", "NTLM (inferred)"; null when nothing shows it. */
  readonly mechanism: string | null;
  /** What happened, in words: the likely cause's title, or why it worked the way it did. */
  readonly what: string;
  /** The next step, one short sentence. */
  readonly next: string;
  /** The likely cause's rule id (shown on hover), null when nothing is wrong. */
  readonly cause: RuleId | null;
  /** A later request to the same address signed in: this failure was probably transient. */
  readonly transient: boolean;
  /** The browser hid why it failed: the next step is the NetLog. */
  readonly hidden: boolean;
  /** The whole headline as one sentence. */
  readonly sentence: string;
}

/** Outcomes in plain words. */
export const OUTCOME_TEXT: Readonly<Record<Outcome, string>> = {
  authenticated: 'signed in',
  rejected: 'the server refused the credentials',
  'no-token-sent': 'the browser sent no credentials',
  'header-too-large': 'the request with the credentials was too large for the server',
  loop: 'the sign-in went round in a loop',
  anonymous: 'no sign-in was needed',
  unknown: 'the browser hid whether it sent credentials',
};

const FAILED: ReadonlySet<Outcome> = new Set(['rejected', 'no-token-sent', 'header-too-large', 'loop', 'unknown']);

/** The NetLog route in three steps, for what a browser hides. */
export const NETLOG_STEPS =
  'record a NetLog (3 steps: open chrome://net-export or edge://net-export, Start Logging, reproduce, Stop) and open it in AuthScope';

/** Where an exchange asked to sign in: its URL without the query. A later sign-in elsewhere on the site (a favicon,
 *  another page) says nothing about this one, so only the same address counts. */
function addressOf(exchange: Exchange): string {
  const query = exchange.url.search(/[?#]/);
  return query < 0 ? exchange.url : exchange.url.slice(0, query);
}

/** Whether a later exchange at the same address signed in: only the exchanges at that address are summarized. */
export function signedInLater(exchange: Exchange, exchanges: readonly Exchange[]): boolean {
  const address = addressOf(exchange);
  return exchanges.some(
    (other) =>
      other.startedAt > exchange.startedAt &&
      other.url.startsWith(address) &&
      addressOf(other) === address &&
      summarizeExchange(other).outcome === 'authenticated',
  );
}

/** The exchanges followed by a sign-in at the same address: their failures were probably transient. One pass, so a
 *  file of 80,000 exchanges costs no more than reading it. */
export function followedBySignIn(exchanges: readonly Exchange[]): ReadonlySet<string> {
  const lastSignIn = new Map<string, number>();
  for (const exchange of exchanges) {
    if (summarizeExchange(exchange).outcome !== 'authenticated') continue;
    const address = addressOf(exchange);
    lastSignIn.set(address, Math.max(lastSignIn.get(address) ?? Number.NEGATIVE_INFINITY, exchange.startedAt));
  }
  const followed = new Set<string>();
  for (const exchange of exchanges) {
    if ((lastSignIn.get(addressOf(exchange)) ?? Number.NEGATIVE_INFINITY) > exchange.startedAt) followed.add(exchange.id);
  }
  return followed;
}

/** A title inside a sentence: "The server refused …" → "the server refused …"; "SPN …", "HTTP 400 …" stay. */
const inSentence = (title: string) => (/^[A-Z][a-z]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title);

/** The first sentence of a text (the next step stays short). */
const firstSentence = (text: string) => /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;

/** The cause's own next step, else the first sentence of its first fix. */
const nextStep = (cause: Finding) => cause.next ?? firstSentence(cause.fixes[0]?.text ?? cause.missing ?? cause.title);

function mechanismLabel(exchange: Exchange): string | null {
  const { mechanismReading } = summarizeExchange(exchange);
  if (!mechanismReading.mechanism) return null;
  const name = mechanismReading.mechanism === 'kerberos' ? 'Kerberos' : 'NTLM';
  return mechanismReading.evidence === 'inferred' ? `${name} (inferred)` : name;
}

/** Why it worked with NTLM: the server's offer, or what kept Kerberos out. */
function ntlmBecause(findings: readonly Finding[]): string {
  if (findings.some((finding) => finding.id === 'ntlm-used')) return 'the server offers only NTLM';
  const kerberosBlocked = findings.find((finding) => ['spn-unknown', 'not-allowlisted', 'no-kerberos-credentials'].includes(finding.id));
  if (kerberosBlocked) return `Kerberos could not be used: ${inSentence(kerberosBlocked.title)}`;
  if (findings.some((finding) => finding.id === 'ntlm-fallback')) return 'Negotiate fell back from Kerberos to NTLM';
  if (findings.some((finding) => finding.id === 'preauth-first-request')) return 'the page sent NTLM credentials itself';
  return 'NTLM was the mechanism used';
}

/** The outcome as the list, the origin strip and the headline count it: a rejected Kerberos attempt never worked. */
export function verdictOf(exchange: Exchange): HeadlineVerdict {
  const { outcome } = summarizeExchange(exchange);
  // Still waiting for an answer; a 401 a browser holds open for a prompt nobody answers is judged by its outcome.
  if (!exchange.done && !exchange.legs.at(-1)?.response) return 'in-progress';
  if (outcome === 'authenticated') return 'worked';
  if (outcome === 'anonymous') return 'no-sign-in';
  return 'failed';
}

export const VERDICT_LABEL: Readonly<Record<HeadlineVerdict, string>> = {
  worked: 'Worked',
  failed: 'Failed',
  'no-sign-in': 'No sign-in needed',
  'in-progress': 'Still in progress',
};

export function headlineOf(exchange: Exchange, findings: readonly Finding[], context: { readonly transient?: boolean } = {}): Headline {
  const summary = summarizeExchange(exchange);
  const mechanism = mechanismLabel(exchange);
  const cause = likelyCause(findings);
  const transient = Boolean(context.transient) && FAILED.has(summary.outcome);
  const verdict = verdictOf(exchange);
  let what: string;
  let next: string;
  let hidden = false;
  if (verdict === 'in-progress') {
    what = 'the handshake has not finished';
    next = 'Wait for the page, or reload it.';
  } else if (verdict === 'worked') {
    what =
      summary.mechanism === 'ntlm'
        ? `${mechanism}, because ${ntlmBecause(findings)}`
        : (mechanism ?? 'signed in (the mechanism is not visible)');
    next = cause ? nextStep(cause) : 'Nothing to do.';
  } else if (verdict === 'no-sign-in') {
    what = OUTCOME_TEXT.anonymous;
    next = 'Nothing to do.';
  } else {
    const missing = missingLegs(exchange);
    hidden = missing !== null && (!cause || cause.id === 'auth-failed' || cause.id === 'no-token-sent') && !exchange.authLibrary;
    if (!hidden) {
      what = cause ? inSentence(cause.title) : OUTCOME_TEXT[summary.outcome];
      next = cause ? nextStep(cause) : 'Check the findings below.';
    } else if (missing === 'final-response-only') {
      what = 'only its final response was watched';
      next = `Reload the page: AuthScope watches a site fully once it has seen Negotiate or NTLM there. Or ${NETLOG_STEPS}.`;
    } else {
      what = 'the browser hides why';
      next = `${NETLOG_STEPS.charAt(0).toUpperCase()}${NETLOG_STEPS.slice(1)}.`;
    }
    if (transient) next = `A later request to this address signed in: probably transient — retry. ${next}`;
  }
  const label = VERDICT_LABEL[verdict];
  const mechanismNote = verdict === 'failed' && mechanism ? ` Mechanism: ${mechanism}.` : '';
  return {
    verdict,
    label,
    mechanism,
    what,
    next,
    cause: cause?.id ?? null,
    transient,
    hidden,
    sentence: `${label} — ${what.replace(/\.$/, '')}.${mechanismNote} Next: ${next}`,
  };
}
