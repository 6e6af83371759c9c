import { describe, expect, it } from 'vitest';
import { decodeInput, readTokenInput } from '../../../../src/core/decode/token/input';
import { publicToken } from '../../../helpers/public-tokens';

const ANSWER = 'oRQwEqADCgEAoQsGCSqGSIb3EgECAg==';

/** A long token as documents print it: 64-character lines, each continuation starting with `indent`. */
const folded = (token: string, indent: string, newline = '\n') => (token.match(/.{1,64}/g) ?? []).join(`${newline}${indent}`);

describe('readTokenInput — schemes that are not Windows authentication', () => {
  it.each([
    ['Authorization: Basic dXNlcjpzZWNyZXQ=', 'Basic is not a Windows authentication scheme', 'dXNlcjpzZWNyZXQ'],
    ['Basic dXNlcjpzZWNyZXQ=', 'Basic is not a Windows authentication scheme', 'dXNlcjpzZWNyZXQ'],
    ['Authorization: Digest username="alice", realm="intranet", response="6629fae49393a053"', 'Digest is not', 'alice'],
    ['WWW-Authenticate: Digest realm="x", nonce="n0nce", Basic realm="y"', 'Digest, Basic are not Windows authentication schemes', 'n0nce'],
    ['Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln', 'Bearer is not', 'eyJhbGci'],
    ['Proxy-Authorization: k3y-0123456789 s3cret', 'An unregistered scheme is not', 'k3y-0123456789'],
  ])('refuses %j by naming the scheme, never its credentials', (input, said, secret) => {
    const result = readTokenInput(input);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'input-not-windows-scheme', offset: 0 }) });
    expect(!result.ok && result.error.message).toContain(said);
    expect(!result.ok && result.error.message).not.toContain(secret);
  });

  it('decodes the Windows token when a header also offers other schemes', () => {
    expect(readTokenInput(`WWW-Authenticate: Basic cmVhbG0=, Negotiate ${ANSWER}`)).toMatchObject({
      ok: true,
      value: { scheme: 'Negotiate', base64: ANSWER },
    });
  });

  it('still reads a bare token whose first characters look like a scheme name', () => {
    expect(readTokenInput(publicToken('chromium-ntlm-negotiate'))).toMatchObject({ ok: true, value: { scheme: null } });
  });
});

describe('readTokenInput — folded headers (RFC 9112 §5.2 obs-fold)', () => {
  const apReq = publicToken('gokrb5-spnego-init-mit-krb5-apreq');

  it.each([
    ['a token folded over lines under its header', `Authorization: Negotiate\n  ${folded(apReq, '  ')}`],
    ['the same with CRLF and tabs', `Authorization: Negotiate\r\n\t${folded(apReq, '\t', '\r\n')}`],
    ['a bare scheme and token folded', `Negotiate ${folded(apReq, ' ')}`],
  ])('decodes %s and says it unfolded it', (_, input) => {
    const decoded = decodeInput(input);
    expect(decoded.result.ok && decoded.result.value.token).toMatchObject({ kind: 'spnego-init', mechanism: 'kerberos' });
    expect(decoded.inputWarnings).toEqual([expect.objectContaining({ code: 'input-unfolded', offset: 0 })]);
  });

  it('unfolds a value that starts on the line after its header name', () => {
    expect(readTokenInput(`WWW-Authenticate:\n ${'Negotiate'} ${ANSWER}`)).toMatchObject({ ok: true, value: { base64: ANSWER } });
  });

  it('keeps lines without leading whitespace apart (Firefox joins several headers with "\\n")', () => {
    const result = readTokenInput('WWW-Authenticate: Negotiate\nNTLM');
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'no-token', message: expect.stringContaining('Negotiate, NTLM') }),
    });
  });

  it('reads a bare token wrapped over lines without calling it folded', () => {
    const decoded = decodeInput(folded(apReq, ''));
    expect(decoded.result.ok).toBe(true);
    expect(decoded.inputWarnings).toEqual([]);
  });
});

describe('decodeInput — a token under the wrong scheme', () => {
  it.each([
    ['a SPNEGO answer', `WWW-Authenticate: NTLM ${ANSWER}`, 'NegTokenResp'],
    [
      'a SPNEGO-wrapped NTLM CHALLENGE',
      `WWW-Authenticate: NTLM ${publicToken('impacket-spnego-resp-incomplete-ntlm-challenge')}`,
      'NegTokenResp',
    ],
    ['a SPNEGO offer', `Authorization: NTLM ${publicToken('waffle-spnego-init-ntlm-4mechs')}`, 'NegTokenInit'],
    ['a GSS Kerberos AP-REQ', `Authorization: NTLM ${publicToken('pyspnego-gss-krb5-apreq')}`, 'kerberos-ap-req token'],
  ])('warns about %s under the NTLM scheme (MS-NTHT §2.2.2)', (_, input, carried) => {
    const decoded = decodeInput(input);
    expect(decoded.result.ok).toBe(true);
    expect(decoded.inputWarnings).toEqual([
      expect.objectContaining({ code: 'scheme-token-mismatch', offset: 0, message: expect.stringContaining(carried) }),
    ]);
  });

  it.each([
    ['bare NTLM under NTLM', `NTLM ${publicToken('curl-test91-ntlm-negotiate')}`],
    [
      'bare NTLM under Negotiate (Windows’ own fallback; the ntlm-fallback finding covers it)',
      `Negotiate ${publicToken('curl-test91-ntlm-negotiate')}`,
    ],
    ['SPNEGO under Negotiate', `Negotiate ${ANSWER}`],
  ])('does not warn about %s', (_, input) => {
    expect(decodeInput(input).inputWarnings).toEqual([]);
  });
});
