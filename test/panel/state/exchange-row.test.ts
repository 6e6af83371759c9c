import { describe, expect, it } from 'vitest';
import { OriginTally, exchangeRow } from '../../../src/panel/state/exchange-row';
import { mainExchange, recordingOf, recordings } from '../../../tools/fixtures/recordings';

describe('exchangeRow', () => {
  it('gives the Network-panel columns of real lab exchanges', () => {
    const firefox = exchangeRow(mainExchange(recordingOf('firefox', 'ntlm-fallback')));
    expect(firefox).toMatchObject({
      method: 'GET',
      chain: '401 → 401 → 200',
      offered: 'Negotiate, NTLM',
      mechanism: 'NTLM',
      worst: 'warning',
    });
    expect(firefox.host).toMatch(/^legacy\.lab\.test:\d+$/);
    expect(firefox.credentialBytes).toBeGreaterThan(200); // the NTLM AUTHENTICATE
    expect(exchangeRow(mainExchange(recordingOf('chromium', 'kerberos-ok')))).toMatchObject({
      chain: '401 → 200',
      mechanism: 'Kerberos',
      credentialBytes: null,
      worst: 'info',
    });
    expect(exchangeRow(mainExchange(recordingOf('chromium', 'not-allowlisted')))).toMatchObject({ mechanism: 'none', worst: 'error' });
    expect(exchangeRow(mainExchange(recordingOf('chromium', 'stale-keytab')))).toMatchObject({ mechanism: 'unknown' });
  });

  it('searches method, URL, chain, mechanism and finding ids', () => {
    const row = exchangeRow(mainExchange(recordingOf('firefox', 'stale-keytab')));
    for (const word of ['get', 'stale.lab.test', '401', 'kerberos', 'kerberos-rejected']) expect(row.search).toContain(word);
  });

  it('is computed once per exchange', () => {
    const exchange = mainExchange(recordingOf('firefox', 'kerberos-ok'));
    expect(exchangeRow(exchange)).toBe(exchangeRow(exchange));
  });
});

describe('OriginTally', () => {
  it('counts Kerberos, NTLM and failures per origin, row by row', () => {
    const rows = recordings.filter((recording) => recording.browser === 'firefox').map((recording) => exchangeRow(mainExchange(recording)));
    const tally = new OriginTally();
    rows.forEach((row) => tally.add(row));
    const legacy = tally.summaries().find((origin) => origin.host.startsWith('legacy.lab.test'));
    expect(legacy).toMatchObject({ ntlm: 3, kerberos: 0, failures: 2 });
    const before = tally.summaries();
    tally.add(rows[0]!);
    expect(before.reduce((sum, origin) => sum + origin.exchanges, 0)).toBe(rows.length);
  });
});
