import { describe, expect, it } from 'vitest';
import { renderTree, tokenTree } from '../../../src/core/report/token-tree';
import { decodeToken } from '../../../src/core/decode/token/decode';
import { labToken } from '../../helpers/fixtures';

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
});
