import { describe, expect, it } from 'vitest';
import { authSchemeKind, parseChallenges, parseCredentials, splitHeaderLine } from '../../../../src/core/decode/http/auth-header';

const summary = (value: string | string[]) =>
  parseChallenges(value).challenges.map(({ scheme, kind, token68, params }) => ({ scheme, kind, token68, params }));

describe('parseChallenges (RFC 9110 §11)', () => {
  it('reads a bare scheme', () => {
    expect(summary('Negotiate')).toEqual([{ scheme: 'Negotiate', kind: 'negotiate', token68: null, params: [] }]);
  });

  it('reads several challenges in one header, token68 and auth-params mixed', () => {
    expect(summary('Negotiate oRQwEqADCgEAoQsGCSqGSIb3EgECAg==, NTLM, Basic realm="intranet, lab", charset=UTF-8')).toEqual([
      { scheme: 'Negotiate', kind: 'negotiate', token68: 'oRQwEqADCgEAoQsGCSqGSIb3EgECAg==', params: [] },
      { scheme: 'NTLM', kind: 'ntlm', token68: null, params: [] },
      {
        scheme: 'Basic',
        kind: 'basic',
        token68: null,
        params: [
          { name: 'realm', value: 'intranet, lab' },
          { name: 'charset', value: 'UTF-8' },
        ],
      },
    ]);
  });

  it('reads Digest params with quoted-pair escapes, then the next challenge', () => {
    expect(summary('Digest realm="a\\"b", nonce="x", qop="auth", Bearer error="invalid_token"')).toEqual([
      {
        scheme: 'Digest',
        kind: 'digest',
        token68: null,
        params: [
          { name: 'realm', value: 'a"b' },
          { name: 'nonce', value: 'x' },
          { name: 'qop', value: 'auth' },
        ],
      },
      { scheme: 'Bearer', kind: 'bearer', token68: null, params: [{ name: 'error', value: 'invalid_token' }] },
    ]);
  });

  it('reads several header values and Firefox values joined by "\\n"', () => {
    const fromArray = summary(['Negotiate', 'NTLM']);
    const fromFirefox = summary('Negotiate\nNTLM');
    expect(fromArray.map((challenge) => challenge.kind)).toEqual(['negotiate', 'ntlm']);
    expect(fromFirefox).toEqual(fromArray);
  });

  it('knows every scheme the brief names and calls the rest unknown', () => {
    expect(['Negotiate', 'ntlm', 'KERBEROS', 'Nego2', 'Basic', 'Digest', 'Bearer', 'Mutual'].map(authSchemeKind)).toEqual([
      'negotiate',
      'ntlm',
      'kerberos',
      'nego2',
      'basic',
      'digest',
      'bearer',
      'unknown',
    ]);
  });

  it('tolerates empty list elements and odd spacing', () => {
    expect(summary(' , Negotiate ,, NTLM TlRMTVNTUAACAAAA ,').map((challenge) => challenge.token68)).toEqual([null, 'TlRMTVNTUAACAAAA']);
  });

  it.each([
    ['Basic realm="open', 'header-unterminated-quote', 17],
    ['"Negotiate"', 'header-bad-char', 0],
    ['Basic realm=x y', 'header-bad-param', 14],
  ])('warns on %j', (value, code, offset) => {
    expect(parseChallenges(value).warnings).toContainEqual(expect.objectContaining({ code, offset }));
  });

  it('reads a lone word after the scheme as token68, as the grammar says', () => {
    expect(parseChallenges('Basic realm')).toEqual({
      challenges: [expect.objectContaining({ token68: 'realm', params: [] })],
      warnings: [],
    });
  });
});

describe('parseCredentials', () => {
  it('reads Authorization: Negotiate <token68>', () => {
    const { challenges, warnings } = parseCredentials('Negotiate YIIC9AYGKwYBBQUCoIIC6DCC');
    expect(warnings).toEqual([]);
    expect(challenges).toEqual([expect.objectContaining({ kind: 'negotiate', token68: 'YIIC9AYGKwYBBQUCoIIC6DCC' })]);
  });

  it('keeps only the first scheme and warns about the rest', () => {
    const { challenges, warnings } = parseCredentials('NTLM TlRM, Negotiate YII=');
    expect(challenges).toHaveLength(1);
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'header-extra-credentials' }));
  });
});

describe('splitHeaderLine', () => {
  it('splits header lines and leaves tokens alone', () => {
    expect(splitHeaderLine('WWW-Authenticate:  Negotiate oRQw')).toEqual({ name: 'www-authenticate', value: 'Negotiate oRQw' });
    expect(splitHeaderLine('Negotiate oRQw')).toBeNull();
  });
});
