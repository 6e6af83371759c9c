import { describe, expect, it } from 'vitest';
import { decodeToken } from '../../../../src/core/decode/token/decode';
import { app, ctx, gstring, gtime, int, principal, seq } from '../../../helpers/der';
import { base64 } from '../../../helpers/fixtures';
import { publicToken } from '../../../helpers/public-tokens';

const kerberosOf = (token: string) => {
  const result = decodeToken(token);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value.token.kerberos;
};

/** KRB-ERROR, RFC 4120 §5.9.1, with the given code, server name and optional client fields. */
const krbError = (code: number, sname: Uint8Array, client: Uint8Array[] = []) =>
  app(
    30,
    seq(
      ctx(0, int(5)),
      ctx(1, int(30)),
      ctx(4, gtime('20261122030341Z')),
      ctx(5, int(0)),
      ctx(6, int(code)),
      ...client,
      ctx(9, gstring('LAB.TEST')),
      ctx(10, sname),
    ),
  );

describe('readKerberosMessage — KRB-ERROR client and sender', () => {
  it('reads crealm and cname from public KRB-ERRORs and leaves them null when absent', () => {
    expect(kerberosOf(publicToken('picky-krb-error-raw-client-unknown'))).toMatchObject({ cname: 'bad_user', crealm: 'EXAMPLE.COM' });
    expect(kerberosOf(publicToken('gogssapi-gss-krb5-krberror-mit-reference'))).toMatchObject({
      cname: 'hftsai/extra',
      crealm: 'ATHENA.MIT.EDU',
    });
    expect(kerberosOf(publicToken('kerberosnet-krb-error-raw-preauth-required'))).toMatchObject({ cname: null, crealm: null });
  });

  it.each([
    ['KDC_ERR_* from the KDC', 7, principal(2, 'krbtgt', 'LAB.TEST'), 'kdc'],
    ['KRB_AP_ERR_* from the server that got the AP-REQ', 41, principal(2, 'HTTP', 'web.lab.test'), 'server'],
    ['KRB_AP_ERR_* naming krbtgt: the KDC checking a TGS-REQ’s TGT (RFC 4120 §3.3.2)', 37, principal(2, 'krbtgt', 'LAB.TEST'), 'kdc'],
    ['KRB_ERR_GENERIC from either', 60, principal(2, 'HTTP', 'web.lab.test'), null],
  ])('knows who sent it: %s', (_, code, sname, from) => {
    const client = [ctx(7, gstring('LAB.TEST')), ctx(8, principal(1, 'alice'))];
    expect(kerberosOf(base64(krbError(code, sname, client)))).toMatchObject({ errorFrom: from, cname: 'alice', crealm: 'LAB.TEST' });
  });

  it('refuses a cname that is not a PrincipalName, with its offset', () => {
    const token = krbError(6, principal(2, 'krbtgt', 'LAB.TEST'), [ctx(8, gstring('alice'))]);
    expect(decodeToken(base64(token))).toEqual({ ok: false, error: expect.objectContaining({ code: 'der-unexpected-tag', offset: 45 }) });
  });
});
