// What of a browser event may be written down at all, decided before anything is stored (the background journals
// every event the moment it arrives). Only Windows authentication is ours: of any other known scheme (Basic, Bearer)
// the scheme name alone is kept, of an unknown one (an API key in the scheme's place) or an unparseable value
// nothing, and no header we do not read (cookies) survives. With "Keep raw tokens" off, Windows tokens are replaced by their decoded summaries here, so no raw
// token reaches storage even for the moment between arrival and processing.
import { type AuthChallenge, isKnownScheme, isWindowsScheme, parseChallenges, parseCredentials } from '../decode/http/auth-header';
import type { TokenSummary } from '../decode/token/summary';
import { type CaptureEvent, type Header, headersFingerprint, requestHeadBytes } from './events';
import { MAX_CHALLENGES, MAX_TOKEN_CHARS } from './limits';
import { summarizeToken } from '../decode/token/summary';

/** Response headers capture reads (challenges, server identity, connection-based auth, proxies, the clock). */
const RESPONSE_HEADERS = new Set([
  'www-authenticate',
  'proxy-authenticate',
  'persistent-auth',
  'server',
  'connection',
  'via',
  'proxy-connection',
  'proxy-support',
  'date',
]);
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization']);
const CHALLENGE_HEADERS = new Set(['www-authenticate', 'proxy-authenticate']);

/** The first word of an Authorization value, if it names a Windows scheme: the cheap test every request runs. */
export function carriesWindowsCredentials(value: string | undefined): boolean {
  if (!value) return false;
  const space = value.indexOf(' ');
  const scheme = (space < 0 ? value : value.slice(0, space)).toLowerCase();
  return scheme === 'negotiate' || scheme === 'ntlm' || scheme === 'kerberos' || scheme === 'nego2';
}

interface SanitizedValue {
  readonly value: string;
  readonly summaries: readonly (TokenSummary | null)[] | null;
  readonly notes: readonly string[];
}

/**
 * One auth header's value rewritten to what may be kept: "Scheme token" for Windows schemes (scheme alone with the
 * token's summary when raw tokens are not kept, or when the token is longer than any real one), "Scheme" for others.
 */
function sanitizeAuthValue(
  header: string,
  challenges: readonly AuthChallenge[],
  known: readonly (TokenSummary | null)[] | undefined,
  keepRawTokens: boolean,
): SanitizedValue {
  const kept = challenges.filter((challenge) => isKnownScheme(challenge.scheme));
  const notes: string[] = [];
  if (kept.length > MAX_CHALLENGES) notes.push(`${header}: ${kept.length} schemes offered, the first ${MAX_CHALLENGES} kept`);
  const parts: string[] = [];
  const summaries: (TokenSummary | null)[] = [];
  let anySummary = false;
  kept.slice(0, MAX_CHALLENGES).forEach((challenge, index) => {
    const token = isWindowsScheme(challenge.kind) ? challenge.token68 : null;
    if (token !== null && token.length > MAX_TOKEN_CHARS) {
      notes.push(`${header}: a ${challenge.scheme} token of ${token.length} characters was not kept (longer than any real token)`);
      parts.push(challenge.scheme);
      summaries.push(null);
    } else if (token !== null && !keepRawTokens) {
      parts.push(challenge.scheme);
      summaries.push(summarizeToken(token));
      anySummary = true;
    } else {
      parts.push(token === null ? challenge.scheme : `${challenge.scheme} ${token}`);
      // A value sanitized before keeps the summaries it carried (sanitizing twice changes nothing).
      const carried = token === null && isWindowsScheme(challenge.kind) ? (known?.[index] ?? null) : null;
      summaries.push(carried);
      anySummary ||= carried !== null;
    }
  });
  return { value: parts.join('\n'), summaries: anySummary ? summaries : null, notes };
}

function sanitizeHeaders(headers: readonly Header[], keep: ReadonlySet<string>, keepRawTokens: boolean, notes: string[]): Header[] {
  const out: Header[] = [];
  for (const header of headers) {
    const name = header.name.toLowerCase();
    if (!keep.has(name)) continue;
    const value = header.value ?? '';
    if (!CREDENTIAL_HEADERS.has(name) && !CHALLENGE_HEADERS.has(name)) {
      // Plain headers we read (Server, Date, Via …): a bounded copy.
      out.push({ name: header.name, value: value.length > 1024 ? `${value.slice(0, 1024)}…` : value });
      continue;
    }
    const parsed = CREDENTIAL_HEADERS.has(name) ? parseCredentials(value) : parseChallenges(value);
    const sanitized = sanitizeAuthValue(header.name, parsed.challenges, header.tokenSummaries, keepRawTokens);
    notes.push(...sanitized.notes);
    // An unparseable value (a bare API key) is neither kept nor shown.
    if (!sanitized.value) continue;
    out.push(
      sanitized.summaries
        ? { name: header.name, value: sanitized.value, tokenSummaries: sanitized.summaries }
        : { name: header.name, value: sanitized.value },
    );
  }
  return out;
}

/**
 * The event as capture may keep it. Sizes and fingerprints that need the whole header list (the request size
 * estimate, telling a repeated response from a new one) are computed first, from the original headers.
 */
export function sanitizeEvent(event: CaptureEvent, keepRawTokens: boolean): CaptureEvent {
  const notes: string[] = [];
  switch (event.type) {
    case 'request-headers': {
      const headers = sanitizeHeaders(event.headers, CREDENTIAL_HEADERS, keepRawTokens, notes);
      return {
        ...event,
        headers,
        headBytes: event.headBytes ?? requestHeadBytes(event.method, event.url, event.headers),
        ...(notes.length ? { notes } : {}),
      };
    }
    case 'response-headers':
    case 'completed': {
      if (!event.headers) return event;
      const headers = sanitizeHeaders(event.headers, RESPONSE_HEADERS, keepRawTokens, notes);
      return {
        ...event,
        headers,
        fingerprint: event.fingerprint ?? headersFingerprint(event.statusCode, event.headers),
        ...(notes.length ? { notes } : {}),
      };
    }
    default:
      return event;
  }
}
