import { describe, expect, it } from 'vitest';
import { exportHar } from '../../../src/core/export/har';
import { importHar } from '../../../src/core/import/har/read-har';
import type { Exchange } from '../../../src/core/exchange/model';
import { mainExchange, recordingOf } from '../../../tools/fixtures/recordings';

const exchanges = ['ntlm-fallback', 'kerberos-ok', 'stale-keytab'].map((scenario) => mainExchange(recordingOf('firefox', scenario)));
const shape = (list: readonly Exchange[]) =>
  list.map((exchange) => ({
    url: exchange.url,
    legs: exchange.legs.map((leg) => [
      leg.request?.credentials?.scheme ?? null,
      leg.response?.status,
      leg.response?.challenges.map((item) => item.scheme),
    ]),
  }));
const kinds = (list: readonly Exchange[]) =>
  list.map((exchange) => exchange.legs.map((leg) => leg.request?.credentials?.summary?.kind ?? null));

describe('HAR export', () => {
  it('masks tokens by default and says so in the receipt; import(export(x)) keeps legs, schemes and statuses', () => {
    const { har, receipt } = exportHar(exchanges);
    const text = JSON.stringify(har);
    expect(text).not.toMatch(/TlRMTVNTUA|YII[A-Za-z0-9+/]{20}/);
    expect(text).toContain('bytes masked by AuthScope');
    expect(receipt).toMatchObject({ entries: 7, tokensKept: 0, identities: expect.stringContaining('not kept') });
    expect(receipt.tokensMasked).toBeGreaterThan(4);
    const back = importHar(JSON.parse(text));
    expect(back.ok && shape(back.value.exchanges)).toEqual(shape(exchanges));
  });

  it('with tokens kept, round-trips the decoded tokens too', () => {
    const { har, receipt } = exportHar(exchanges, { tokens: 'none' });
    expect(receipt.tokensMasked).toBe(0);
    const back = importHar(JSON.parse(JSON.stringify(har)));
    expect(back.ok && kinds(back.value.exchanges)).toEqual(kinds(exchanges));
  });

  it('removes tokens entirely, keeping only the scheme', () => {
    const { har, receipt } = exportHar(exchanges, { tokens: 'remove' });
    expect(receipt.tokensRemoved).toBe(receipt.tokensMasked + receipt.tokensRemoved);
    const authorization = har.log.entries.flatMap((entry) => entry.request.headers).map((header) => header.value);
    expect(authorization).toContain('NTLM');
    expect(authorization.every((value) => !value.includes(' '))).toBe(true);
  });
});
