// Turns what a user pastes — a bare token, "Negotiate <b64>", or a whole header line — into the token to decode.
import {
  type AuthChallenge,
  isAuthHeader,
  isChallengeHeader,
  parseChallenges,
  parseCredentials,
  splitHeaderLine,
} from '../http/auth-header';
import { type Problem, type Result, fail, ok, problem } from '../result';
import { type DecodedTokenText, decodeToken } from './decode';

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

/** Finds the token in a pasted input; fails with `no-token` when the input names schemes but carries no token. */
export function readTokenInput(text: string): Result<TokenInput> {
  const trimmed = text.trim();
  if (trimmed.length === 0) return fail('input-empty', 'nothing to decode: the input is empty', 0);
  const line = splitHeaderLine(trimmed);
  const warnings: Problem[] = [];
  if (line && !isAuthHeader(line.name)) {
    return fail(
      'input-not-auth-header',
      `${line.name} is not an authentication header (WWW-Authenticate, Proxy-Authenticate, Authorization, Proxy-Authorization)`,
      0,
    );
  }
  const value = line ? line.value : trimmed;
  const parsed = line && isChallengeHeader(line.name) ? parseChallenges(value) : parseCredentials(value);
  const withToken = parsed.challenges.filter((challenge) => challenge.token68 !== null);
  const first = withToken[0];
  const lone = parsed.challenges.length === 1 ? parsed.challenges[0] : undefined;
  if (lone && !first && lone.kind !== 'unknown' && !(line && isChallengeHeader(line.name))) {
    // "Negotiate YII*": a known scheme followed by something that is not a token68 — decode it anyway so the
    // base64 error names the bad character (offsets count from the token's start).
    const rest = value.slice(lone.scheme.length).trim();
    if (rest) return ok({ header: line?.name ?? null, scheme: lone.scheme, base64: rest, offered: parsed.challenges });
  }
  if (!line && (parsed.challenges.length !== 1 || !first || first.kind === 'unknown')) {
    // Not "Scheme token": take the whole text as a bare token (whitespace from wrapped lines is allowed).
    return ok({ header: null, scheme: null, base64: trimmed, offered: [] });
  }
  if (!first) {
    const schemes = parsed.challenges.map((challenge) => challenge.scheme).join(', ') || 'nothing';
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
  return { input: input.value, result: decodeToken(input.value.base64), inputWarnings: input.warnings };
}
