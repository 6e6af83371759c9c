// Turns what a user pastes — a bare token, "Negotiate <b64>", or a whole header line — into the token to decode.
import {
  type AuthChallenge,
  authSchemeKind,
  isAuthHeader,
  isChallengeHeader,
  isKnownScheme,
  isWindowsScheme,
  parseChallenges,
  parseCredentials,
  splitHeaderLine,
} from '../http/auth-header';
import { type Problem, type Result, fail, ok, problem } from '../result';
import { type DecodedToken, type DecodedTokenText, decodeToken } from './decode';

/** The token found in a pasted input, and where it came from. */
export interface TokenInput {
  /** Header name (lower-case) when a whole header line was given. */
  readonly header: string | null;
  /** The auth scheme written before the token, if any. */
  readonly scheme: string | null;
  readonly base64: string;
  /** Every challenge or credential the input carried (a header may offer several schemes). */
  readonly offered: readonly AuthChallenge[];
}

/** Most characters of a scheme's name quoted back in a message. */
const MAX_SCHEME_SHOWN = 40;

/** A scheme as named in a message: a registered name as written, anything else unnamed — it may be a key pasted where a
 *  scheme goes. Never its credentials. */
function schemeShown(scheme: string): string {
  return isKnownScheme(scheme) ? scheme.slice(0, MAX_SCHEME_SHOWN) : 'an unregistered scheme';
}

/** "<Windows scheme> <base64 split by whitespace>": a token a document wrapped over several lines. */
const WRAPPED_TOKEN = /^(Negotiate|NTLM|Kerberos|Nego2)[ \t]+([A-Za-z0-9+/_=-]+(?:\s+[A-Za-z0-9+/_=-]+)+)\s*$/i;

/**
 * Undoes line folding: RFC 9112 §5.2 obs-fold (a line break followed by spaces or tabs, as documents print long
 * headers) becomes one space; then a Windows scheme's token broken over lines is joined again (a token68 holds no
 * spaces, RFC 9110 §11.2). Lines not starting with whitespace stay separate: Firefox joins several headers with "\n".
 */
function unfold(text: string): { text: string; folded: boolean } {
  const unfolded = text.replace(/\r?\n[ \t]+/g, ' ');
  const line = splitHeaderLine(unfolded);
  const value = line ? line.value : unfolded;
  const wrapped = WRAPPED_TOKEN.exec(value);
  const joined = wrapped ? `${wrapped[1]} ${(wrapped[2] as string).replace(/\s+/g, '')}` : value;
  // A bare token wrapped over lines needs no unfolding (base64 ignores whitespace), so only a header or scheme counts.
  return { text: line ? `${line.name}: ${joined}` : joined, folded: (line !== null && unfolded !== text) || joined !== value };
}

/** Finds the token in a pasted input; fails with `no-token` when the input names schemes but carries no token, and
 *  with `input-not-windows-scheme` when it names only other schemes (Basic, Digest, Bearer…). */
export function readTokenInput(text: string): Result<TokenInput> {
  const trimmed = text.trim();
  if (trimmed.length === 0) return fail('input-empty', 'nothing to decode: the input is empty', 0);
  const { text: input, folded } = unfold(trimmed);
  const line = splitHeaderLine(input);
  const warnings: Problem[] = [];
  if (folded) {
    warnings.push(problem('input-unfolded', 'the input was folded over several lines (RFC 9112 §5.2 obs-fold): read as one line', 0));
  }
  if (line && !isAuthHeader(line.name)) {
    return fail(
      'input-not-auth-header',
      `${line.name} is not an authentication header (WWW-Authenticate, Proxy-Authenticate, Authorization, Proxy-Authorization)`,
      0,
    );
  }
  const value = line ? line.value : input;
  const parsed = line && isChallengeHeader(line.name) ? parseChallenges(value) : parseCredentials(value);
  const windows = parsed.challenges.filter((challenge) => isWindowsScheme(challenge.kind));
  const withToken = windows.filter((challenge) => challenge.token68 !== null);
  const first = withToken[0];
  const lone = parsed.challenges.length === 1 ? parsed.challenges[0] : undefined;
  // A header line names its schemes for sure; pasted alone, an unregistered word may be a bare token's start.
  const others = parsed.challenges.filter((challenge) => !isWindowsScheme(challenge.kind) && (line || challenge.kind !== 'unknown'));
  if (windows.length === 0 && others.length > 0) {
    const named = [...new Set(others.map((challenge) => schemeShown(challenge.scheme)))].join(', ');
    const verb = others.length === 1 ? 'is not a Windows authentication scheme' : 'are not Windows authentication schemes';
    const message = `${named} ${verb}: AuthScope decodes Negotiate, NTLM and Kerberos tokens only`;
    return fail('input-not-windows-scheme', message.charAt(0).toUpperCase() + message.slice(1), 0);
  }
  if (lone && !first && isWindowsScheme(lone.kind) && !(line && isChallengeHeader(line.name))) {
    // "Negotiate YII*": a known scheme followed by something that is not a token68 — decode it anyway so the
    // base64 error names the bad character (offsets count from the token's start).
    const rest = value.slice(lone.scheme.length).trim();
    if (rest) return ok({ header: line?.name ?? null, scheme: lone.scheme, base64: rest, offered: parsed.challenges }, warnings);
  }
  if (!line && (parsed.challenges.length !== 1 || !first)) {
    // Not "Scheme token": take the whole text as a bare token (whitespace from wrapped lines is allowed).
    return ok({ header: null, scheme: null, base64: trimmed, offered: [] }, warnings);
  }
  if (!first) {
    const schemes = parsed.challenges.map((challenge) => schemeShown(challenge.scheme)).join(', ') || 'nothing';
    return fail('no-token', `no token to decode: the header offers ${schemes} without a token`, 0);
  }
  if (withToken.length > 1) {
    warnings.push(
      problem('input-several-tokens', `the header carries ${withToken.length} tokens; decoding the first (${first.scheme})`, 0),
    );
  }
  return ok({ header: line?.name ?? null, scheme: first.scheme, base64: first.token68 as string, offered: parsed.challenges }, [
    ...parsed.warnings,
    ...warnings,
  ]);
}

/** A pasted input decoded: the token it held (if any) and the decode result. */
export interface DecodedInput {
  readonly input: TokenInput | null;
  readonly result: Result<DecodedTokenText>;
  /** Warnings about the input itself (header syntax, several tokens). */
  readonly inputWarnings: readonly Problem[];
}

/** Reads and decodes a pasted input in one step; never throws. */
export function decodeInput(text: string): DecodedInput {
  const input = readTokenInput(text);
  if (!input.ok) return { input: null, result: input, inputWarnings: [] };
  const result = decodeToken(input.value.base64);
  const mismatch = result.ok ? schemeMismatch(input.value.scheme, result.value.token) : null;
  return { input: input.value, result, inputWarnings: mismatch ? [...input.warnings, mismatch] : input.warnings };
}

/**
 * The NTLM scheme carries bare NTLM messages (MS-NTHT §2.2.2); a SPNEGO or Kerberos token under it belongs under
 * Negotiate, and a client answering NTLM cannot read it. (The reverse, bare NTLM under Negotiate, is how Windows
 * falls back to NTLM and is a finding of its own, ntlm-fallback.)
 */
function schemeMismatch(scheme: string | null, token: DecodedToken): Problem | null {
  if (scheme === null || authSchemeKind(scheme) !== 'ntlm' || token.ntlm !== null) return null;
  const carried = token.spnego
    ? `a SPNEGO ${token.spnego.token === 'init' ? 'NegTokenInit' : 'NegTokenResp'} (RFC 4178)`
    : `a ${token.kind} token`;
  return problem(
    'scheme-token-mismatch',
    `the NTLM scheme carries bare NTLM messages (MS-NTHT §2.2.2), but this is ${carried}, which belongs under Negotiate: a client answering NTLM cannot read it`,
    0,
  );
}
