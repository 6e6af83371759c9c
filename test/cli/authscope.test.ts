import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/authscope';
import { base64, labTokens } from '../helpers/fixtures';
import { kerberosApReq, ntlmAuthenticate } from '../helpers/tokens';

function cli(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(args, { out: (text) => out.push(text), err: (text) => err.push(text), stdin: () => stdin });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('authscope decode', () => {
  it('prints the JSON object for "Negotiate <b64>" and exits 0', () => {
    const { code, out, err } = cli(['decode', '--json', 'Negotiate oRQwEqADCgEAoQsGCSqGSIb3EgECAg==']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(JSON.parse(out)).toMatchObject({ kind: 'spnego-resp', mechanism: 'kerberos', byteLength: 22, scheme: 'Negotiate' });
  });

  it.each(labTokens.map((fixture) => [fixture.name, `${fixture.header}: ${fixture.value}`]))(
    'decodes the whole header line of %s',
    (_, line) => {
      const { code, out } = cli(['decode', '--json', line]);
      expect(code).toBe(0);
      expect(JSON.parse(out).error).toBeNull();
    },
  );

  it('prints the findings a lone token supports: a Kerberos error, an RC4 ticket, NTLMv1', () => {
    const krbError = labTokens.find((fixture) => fixture.name === 'apache-reject-krb-error-badkeyver')?.value ?? '';
    const json = JSON.parse(cli(['decode', '--json', krbError]).out);
    expect(json.findings).toEqual([
      expect.objectContaining({ id: 'kerberos-error', severity: 'error', title: expect.stringMatching(/^KRB_AP_ERR_BADKEYVER \(44\)/) }),
    ]);
    expect(cli(['decode', base64(kerberosApReq(23))]).out).toMatch(
      /finding: \[warning\] weak-etype: Service ticket encrypted with rc4-hmac/,
    );
    expect(cli(['decode', `NTLM ${base64(ntlmAuthenticate(24, 24))}`]).out).toContain('finding: [error] ntlm-v1');
    expect(JSON.parse(cli(['decode', '--json', 'Negotiate oRQwEqADCgEAoQsGCSqGSIb3EgECAg==']).out).findings).toEqual([]);
  });

  it('accepts a bare token and a token split over several arguments', () => {
    expect(cli(['decode', 'oRQwEqADCgEAoQsGCSqGSIb3EgECAg==']).out).toContain('negState: accept-completed');
    expect(cli(['decode', 'oRQwEqADCgEA', 'oQsGCSqGSIb3EgECAg==']).code).toBe(0);
  });

  it('reads stdin for "-"', () => {
    const { code, out } = cli(['decode', '-'], 'WWW-Authenticate: Negotiate oRQwEqADCgEAoQsGCSqGSIb3EgECAg==\n');
    expect(code).toBe(0);
    expect(out).toContain('SPNEGO NegTokenResp');
  });

  it('prints the tree with warnings for a misleading prefix', () => {
    const wrapped = labTokens.find((fixture) => fixture.name === 'curl-spnego-wrapped-ntlm-negotiate');
    const { out } = cli(['decode', wrapped?.value ?? '']);
    expect(out).toContain('├─ mechanism: NTLM');
    expect(out).toContain(
      'warning: the "YI…" prefix suggests Kerberos, but this SPNEGO token carries NTLM (prefix-misleading at offset 0)',
    );
  });

  it.each([
    [['decode', 'TlRMTVNTUAAJAAAA'], 'ntlm-bad-message-type at offset 8'],
    [['decode', 'WWW-Authenticate: Negotiate, NTLM'], 'no-token at offset 0'],
    [['decode', 'Content-Type: text/html'], 'input-not-auth-header'],
    [['decode', '--json', '%%%'], 'base64-invalid-char at offset 0'],
    [['decode', 'Negotiate YII*'], 'base64-invalid-char at offset 3'],
    [['decode', 'Authorization: NTLM TlRM%'], 'base64-invalid-char at offset 4'],
  ])('exits 2 with a one-line reason for %j', (args, reason) => {
    const { code, err } = cli(args);
    expect(code).toBe(2);
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toContain(reason);
  });

  it.each([[[]], [['decode']], [['frobnicate']], [['decode', '--yaml', 'x']]])('exits 1 on usage errors %j', (args) => {
    expect(cli(args).code).toBe(1);
  });

  it('prints help and version', () => {
    expect(cli(['--help']).out).toContain('Usage: authscope decode');
    expect(cli(['--version']).out).toBe('0.0.0-test');
  });
});
