import { describe, expect, it } from 'vitest';
import { renderTree, tokenTree } from '../../../src/core/report/token-tree';
import { decodeToken } from '../../../src/core/decode/token/decode';
import { labToken } from '../../helpers/fixtures';
import { publicToken } from '../../helpers/public-tokens';

const treeOf = (name: string) => {
  const result = decodeToken(labToken(name));
  if (!result.ok) throw new Error(result.error.message);
  return tokenTree(result.value.token);
};

describe('tokenTree / renderTree', () => {
  it('renders the stale-keytab rejection as a readable tree', () => {
    const text = renderTree(treeOf('apache-reject-krb-error-badkeyver'));
    expect(text.split('\n').slice(0, 4)).toEqual([
      'SPNEGO NegTokenResp',
      '├─ mechanism: Kerberos',
      '├─ length: 123 bytes',
      '├─ negState: reject',
    ]);
    expect(text).toContain('│  ├─ error-code: 44 KRB_AP_ERR_BADKEYVER — Specified version of key is not available');
    expect(text).toContain('│  ├─ sname: HTTP/intranet.lab.test (NT-PRINCIPAL)');
  });

  it('keeps byte ranges on the nodes for hex highlighting', () => {
    const tree = treeOf('lab-ntlm-challenge');
    const challenge = tree.children?.find((node) => node.label === 'ServerChallenge');
    expect(challenge).toEqual({ label: 'ServerChallenge', value: '0123456789abcdef', range: [24, 32] });
  });

  it('names NTLMv2 and the MIC for Chromium’s AUTHENTICATE', () => {
    const text = renderTree(treeOf('chromium-ntlm-authenticate'));
    expect(text).toContain('├─ Response: NTLMv2 (LM 24 bytes, NT 232 bytes)');
    expect(text).toContain('├─ MIC: present');
    expect(text).toContain('│  └─ MsvAvTargetName: HTTP/127.0.0.1:18081');
  });

  it('shows a KRB-ERROR’s crealm and cname and says the KDC answered a KDC_ERR_* (public tokens)', () => {
    const text = (name: string) => {
      const result = decodeToken(publicToken(name));
      if (!result.ok) throw new Error(result.error.message);
      return renderTree(tokenTree(result.value.token));
    };
    const unknownClient = text('picky-krb-error-raw-client-unknown');
    expect(unknownClient).toContain(
      '├─ error-code: 6 KDC_ERR_C_PRINCIPAL_UNKNOWN — Client not found in Kerberos database (the KDC answered)',
    );
    expect(unknownClient).toContain('├─ crealm: EXAMPLE.COM\n├─ cname: bad_user');
    expect(text('picky-krb-error-raw-inapp-cksum')).toContain(
      'KRB_AP_ERR_INAPP_CKSUM — Inappropriate type of checksum in message (the server answered)',
    );
    expect(text('mit-reference-krb-error-raw')).toMatch(/KRB_ERR_GENERIC — Generic error \(description in e-text\)\n/);
    expect(text('kerberosnet-krb-error-raw-preauth-required')).not.toContain('cname');
  });

  it('names user-to-user tokens by their OID and IAKerb tokens by their header and relayed message (public tokens)', () => {
    const text = (token: string) => {
      const result = decodeToken(token);
      if (!result.ok) throw new Error(result.error.message);
      return renderTree(tokenTree(result.value.token));
    };
    expect(text(publicToken('kerberosnet-gss-u2u-tgt-req')).split('\n').slice(0, 4)).toEqual([
      'Kerberos user-to-user KRB_TGT_REQ',
      '├─ mechanism: Kerberos',
      '├─ length: 89 bytes',
      '├─ GSS-API mech: KRB5-U2U (1.2.840.113554.1.2.2.3)',
    ]);
    expect(text(publicToken('picky-gss-u2u-tgt-rep'))).toContain('└─ ticket enc-part: etype 18 (aes256-cts-hmac-sha1-96), kvno 2');
    expect(text(publicToken('krb5-iakerb-realm-query'))).toBe(
      [
        'IAKerb IAKERB_PROXY',
        '├─ mechanism: Kerberos',
        '├─ length: 18 bytes',
        '├─ GSS-API mech: IAKERB (1.3.6.1.5.2.5)',
        '├─ target-realm: (empty: the client asks for the realm)',
        '├─ cookie: absent',
        '└─ relayed KDC message: none: realm discovery',
      ].join('\n'),
    );
    const asReq = text(publicToken('mit-reference-as-req-raw'));
    expect(asReq).toContain('├─ etypes asked for: 0 (etype(0)), 1 (des-cbc-crc, weak)');
    expect(asReq).toContain('└─ cname: hftsai/extra');
  });

  it('shows each NegoEx message with its NEGOEXTS signature, conversation and auth scheme (public token)', () => {
    const result = decodeToken(publicToken('smbj-spnego-init-negoex-acceptor'));
    if (!result.ok) throw new Error(result.error.message);
    const text = renderTree(tokenTree(result.value.token));
    expect(text).toContain(
      [
        '├─ mechToken: NegoEx messages (MS-NEGOEX)',
        '│  ├─ mechanism: none',
        '│  ├─ length: 264 bytes',
        '│  ├─ ACCEPTOR_NEGO: SequenceNum 0',
        '│  │  ├─ signature: NEGOEXTS',
        '│  │  ├─ ConversationId: 4c956664-2b2f-c5b9-67e8-b6f9cf6c8318',
        '│  │  └─ AuthSchemes',
        '│  │     └─ 1: PKU2U (0d53335c-f9ea-4d0d-b2ec-4ae3786ec308)',
        '│  └─ ACCEPTOR_META_DATA: SequenceNum 1',
      ].join('\n'),
    );
    expect(text).toContain('│     └─ Exchange: 88 bytes');
    expect(text).not.toContain('not decodable');
  });

  it('names the NTLM2 session response instead of plain NTLMv1 (public Chromium ESS AUTHENTICATE)', () => {
    const result = decodeToken(publicToken('chromium-ntlm-ess-authenticate'));
    if (!result.ok) throw new Error(result.error.message);
    expect(renderTree(tokenTree(result.value.token))).toContain(
      '├─ Response: NTLM2 session response (NTLMv1 with extended session security) (LM 24 bytes, NT 24 bytes)',
    );
  });
});
