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
  const rows = recordings.filter((recording) => recording.browser === 'firefox').map((recording) => exchangeRow(mainExchange(recording)));
  const tally = new OriginTally();
  rows.forEach((row) => tally.add(row));
  const origin = (scenario: string) =>
    tally.summaries().find((summary) => summary.origin === exchangeRow(mainExchange(recordingOf('firefox', scenario))).origin);

  it('counts from the outcome the list shows: Kerberos OK, NTLM, failed, warnings', () => {
    // ntlm-only and ntlm-fallback (both worked, both depending on NTLM: warnings) and auth-loop (failed) share one origin.
    expect(origin('ntlm-fallback')).toMatchObject({ kerberosOk: 0, ntlm: 2, failed: 1, warnings: 2, exchanges: 3 });
    expect(origin('kerberos-ok')).toMatchObject({ kerberosOk: 1, ntlm: 0, failed: 0, warnings: 0 });
  });

  it('never counts a rejected Kerberos attempt as OK', () => {
    expect(exchangeRow(mainExchange(recordingOf('firefox', 'stale-keytab'))).mechanism).toBe('Kerberos');
    expect(origin('stale-keytab')).toMatchObject({ kerberosOk: 0, failed: 1 });
  });

  it('adds row by row without recounting', () => {
    const before = tally.summaries();
    tally.add(rows[0]!);
    expect(before.reduce((sum, summary) => sum + summary.exchanges, 0)).toBe(rows.length);
  });
});
