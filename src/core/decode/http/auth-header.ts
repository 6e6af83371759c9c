// Parser for HTTP authentication headers, RFC 9110 §11: challenge lists (WWW-Authenticate, Proxy-Authenticate)
// and credentials (Authorization, Proxy-Authorization). Tolerant like a browser: problems become warnings.
import { type Problem, problem } from '../result';

export type AuthSchemeKind = 'negotiate' | 'ntlm' | 'kerberos' | 'nego2' | 'basic' | 'digest' | 'bearer' | 'unknown';

/** One auth-param, RFC 9110 §11.2 (quoted-string values are unquoted). */
export interface AuthParam {
  readonly name: string;
  readonly value: string;
}

/** One challenge or credentials: a scheme with a token68 or auth-params. */
export interface AuthChallenge {
  /** The scheme as written on the wire. */
  readonly scheme: string;
  readonly kind: AuthSchemeKind;
  readonly token68: string | null;
  readonly params: readonly AuthParam[];
  /** The challenge's own text. */
  readonly raw: string;
}

/** Challenges (or credentials) found in one or more header values, with what was odd about them. */
export interface ParsedAuthHeader {
  readonly challenges: readonly AuthChallenge[];
  readonly warnings: readonly Problem[];
}

const KNOWN_SCHEMES: Readonly<Record<string, AuthSchemeKind>> = {
  negotiate: 'negotiate',
  ntlm: 'ntlm',
  kerberos: 'kerberos',
  nego2: 'nego2',
  basic: 'basic',
  digest: 'digest',
  bearer: 'bearer',
};

/** Kind of an auth scheme name (case-insensitive, RFC 9110 §11.1). */
export function authSchemeKind(scheme: string): AuthSchemeKind {
  return KNOWN_SCHEMES[scheme.toLowerCase()] ?? 'unknown';
}

/** The Windows schemes, whose tokens AuthScope decodes (RFC 4559 Negotiate, MS-NTHT NTLM, Kerberos, Nego2). */
export const isWindowsScheme = (kind: string): boolean =>
  kind === 'negotiate' || kind === 'ntlm' || kind === 'kerberos' || kind === 'nego2';

/** The scheme names worth keeping (lower case): IANA's HTTP Authentication Scheme Registry, the Windows schemes, and
 *  AWS's signature. Anything else may be a secret pasted where a scheme goes — "Authorization: k3y-0123…" is a
 *  well-formed RFC 9110 token — so it is never kept. */
const REGISTERED_SCHEMES: ReadonlySet<string> = new Set([
  'basic',
  'bearer',
  'concealed',
  'digest',
  'dpop',
  'hoba',
  'mutual',
  'negotiate',
  'oauth',
  'privatetoken',
  'scram-sha-1',
  'scram-sha-256',
  'vapid',
  'ntlm',
  'kerberos',
  'nego2',
  'aws4-hmac-sha256',
]);

/** Whether a scheme's name may be kept and shown (a known scheme; never a value that could be a key). */
export const isKnownScheme = (scheme: string): boolean => REGISTERED_SCHEMES.has(scheme.toLowerCase());

// tchar, RFC 9110 §5.6.2, and token68, RFC 9110 §11.2.
const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;

/**
 * Parses challenge lists from one or more `WWW-Authenticate` / `Proxy-Authenticate` values. Firefox joins
 * several headers with "\n" in one value; each line is parsed as its own field value.
 */
export function parseChallenges(values: string | readonly string[]): ParsedAuthHeader {
  const challenges: AuthChallenge[] = [];
  const warnings: Problem[] = [];
  let base = 0;
  for (const value of typeof values === 'string' ? [values] : values) {
    for (const line of value.split('\n')) {
      new ChallengeLexer(line, base, challenges, warnings).list();
      base += line.length + 1;
    }
  }
  return { challenges, warnings };
}

/** Parses an `Authorization` / `Proxy-Authorization` value: one scheme with its token68 or params. */
export function parseCredentials(value: string): ParsedAuthHeader {
  const parsed = parseChallenges(value);
  if (parsed.challenges.length > 1) {
    return {
      challenges: parsed.challenges.slice(0, 1),
      warnings: [
        ...parsed.warnings,
        problem('header-extra-credentials', 'credentials carry more than one scheme; only the first counts', 0),
      ],
    };
  }
  return parsed;
}

class ChallengeLexer {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly out: AuthChallenge[],
    private readonly warnings: Problem[],
  ) {}

  /** `#challenge`: comma-separated, empty elements allowed (RFC 9110 §5.6.1). */
  list(): void {
    for (;;) {
      this.skip(/[ \t,]*/y);
      if (this.at >= this.text.length) return;
      const start = this.at;
      const scheme = this.match(TOKEN);
      if (!scheme) {
        this.warn('header-bad-char', `unexpected ${JSON.stringify(this.text[this.at])} where an auth scheme should start`);
        this.skipToComma();
        continue;
      }
      const challenge = this.challengeAfterScheme(scheme);
      this.out.push({ ...challenge, scheme, kind: authSchemeKind(scheme), raw: this.text.slice(start, this.at).trim() });
    }
  }

  private challengeAfterScheme(scheme: string): { token68: string | null; params: AuthParam[] } {
    const spaces = this.skip(/[ \t]*/y);
    if (this.atListEnd()) return { token68: null, params: [] };
    if (spaces === 0) {
      this.warn('header-bad-char', `auth scheme ${scheme} is followed by ${JSON.stringify(this.text[this.at])} instead of a space`);
      this.skipToComma();
      return { token68: null, params: [] };
    }
    const mark = this.at;
    const token68 = this.match(TOKEN68);
    if (token68) {
      this.skip(/[ \t]*/y);
      if (this.atListEnd()) return { token68, params: [] };
      this.at = mark;
    }
    return { token68: null, params: this.params() };
  }

  /** `auth-param *( OWS "," OWS auth-param )`, stopping where the next challenge's scheme begins. */
  private params(): AuthParam[] {
    const params: AuthParam[] = [];
    for (;;) {
      const name = this.match(TOKEN);
      this.skip(/[ \t]*/y);
      if (!name || this.text[this.at] !== '=') {
        this.warn('header-bad-param', 'expected an auth-param (name=value) or a token68');
        this.skipToComma();
      } else {
        this.at++;
        this.skip(/[ \t]*/y);
        params.push({ name: name.toLowerCase(), value: this.text[this.at] === '"' ? this.quoted() : (this.match(TOKEN) ?? '') });
        this.skip(/[ \t]*/y);
        if (!this.atListEnd()) {
          this.warn('header-bad-param', `unexpected ${JSON.stringify(this.text[this.at])} after auth-param ${name}`);
          this.skipToComma();
        }
      }
      if (this.at >= this.text.length) return params;
      // At a comma: another auth-param follows only if the next element is `token BWS "="`.
      const comma = this.at;
      this.skip(/[ \t,]*/y);
      const nextStart = this.at;
      const next = this.match(TOKEN);
      this.skip(/[ \t]*/y);
      if (next === null || this.text[this.at] !== '=') {
        this.at = comma;
        return params;
      }
      this.at = nextStart;
    }
  }

  /** quoted-string with quoted-pair escapes, RFC 9110 §5.6.4. */
  private quoted(): string {
    let value = '';
    for (this.at++; this.at < this.text.length; this.at++) {
      const char = this.text[this.at] as string;
      if (char === '"') {
        this.at++;
        return value;
      }
      if (char === '\\' && this.at + 1 < this.text.length) this.at++;
      value += this.text[this.at];
    }
    this.warn('header-unterminated-quote', 'quoted-string is not closed');
    return value;
  }

  private atListEnd(): boolean {
    return this.at >= this.text.length || this.text[this.at] === ',';
  }

  private match(pattern: RegExp): string | null {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text);
    if (!found || found[0].length === 0) return null;
    this.at += found[0].length;
    return found[0];
  }

  private skip(pattern: RegExp): number {
    return this.match(pattern)?.length ?? 0;
  }

  private skipToComma(): void {
    const comma = this.text.indexOf(',', this.at);
    this.at = comma < 0 ? this.text.length : comma;
  }

  private warn(code: string, message: string): void {
    this.warnings.push(problem(code, message, this.base + this.at));
  }
}

/** The four authentication header names, lower-case. */
export type AuthHeaderName = 'www-authenticate' | 'proxy-authenticate' | 'authorization' | 'proxy-authorization';

/** Splits `Name: value`; returns null when the text is not a header line. */
export function splitHeaderLine(line: string): { name: string; value: string } | null {
  const found = /^\s*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*:\s*([\s\S]*)$/.exec(line);
  if (!found) return null;
  return { name: (found[1] as string).toLowerCase(), value: (found[2] as string).trim() };
}

/** True for the challenge headers (as opposed to credentials). */
export function isChallengeHeader(name: string): boolean {
  return name === 'www-authenticate' || name === 'proxy-authenticate';
}

/** True for the four headers that carry authentication. */
export function isAuthHeader(name: string): name is AuthHeaderName {
  return isChallengeHeader(name) || name === 'authorization' || name === 'proxy-authorization';
}
