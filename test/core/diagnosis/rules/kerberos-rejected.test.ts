import { describe, expect, it } from 'vitest';
import { diagnoseExchange } from '../../../../src/core/diagnosis/findings';
import { labToken } from '../../../helpers/fixtures';
import { syntheticExchange } from '../../../../tools/fixtures/recordings';

describe('kerberos-rejected and kerberos-error', () => {
  it('names KRB_AP_ERR_BADKEYVER from the server’s real KRB-ERROR (curl asked for mutual auth)', () => {
    // The recorded ticket is for HTTP/intranet.lab.test; the error is the one a stale keytab gave for it.
    const exchange = syntheticExchange('http://intranet.lab.test/', [
      { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Negotiate' }] },
      {
        authorization: `Negotiate ${labToken('curl-negotiate-ap-req')}`,
        status: 401,
        headers: [{ name: 'WWW-Authenticate', value: `Negotiate ${labToken('apache-reject-krb-error-badkeyver')}` }],
      },
    ]);
    const findings = diagnoseExchange(exchange);
    expect(findings.map((finding) => finding.id)).toEqual(['kerberos-rejected', 'kerberos-error']);
    const error = findings[1];
    expect(error?.title).toMatch(/^KRB_AP_ERR_BADKEYVER \(44\)/);
    expect(error?.explanation).toContain('keytab');
    expect(error?.evidence[0]).toMatchObject({ leg: 1, source: 'token', value: '44 KRB_AP_ERR_BADKEYVER' });
  });

  it('does not fire when Kerberos was accepted', () => {
    const exchange = syntheticExchange('http://intranet.lab.test/', [
      { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Negotiate' }] },
      {
        authorization: `Negotiate ${labToken('firefox-negotiate-ap-req')}`,
        status: 200,
        headers: [{ name: 'WWW-Authenticate', value: `Negotiate ${labToken('apache-ap-rep-accept-completed')}` }],
      },
    ]);
    const ids = diagnoseExchange(exchange).map((finding) => finding.id);
    expect(ids).toContain('kerberos-ok');
    expect(ids).not.toContain('kerberos-rejected');
    expect(ids).not.toContain('kerberos-error');
  });
});
