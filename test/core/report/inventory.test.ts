import { readFileSync } from 'node:fs';
import { importHar } from '../../../src/core/import/har/read-har';
import { describe, expect, it } from 'vitest';
import { Inventory, inventoryCsv, inventoryJson, inventoryMarkdown } from '../../../src/core/report/inventory';
import { importNetLog, labNetLog } from '../../helpers/netlog';
import { labToken } from '../../helpers/fixtures';
import { publicTokens } from '../../helpers/public-tokens';
import { recordings, replay, syntheticExchange } from '../../../tools/fixtures/recordings';

/** Rows by host name; where a host serves several origins (the lab's kernel-mode app has its own port), the one
 *  with the most exchanges. */
const byOrigin = (inventory: Inventory) =>
  new Map([...inventory.rows()].sort((a, b) => a.exchanges - b.exchanges).map((row) => [new URL(row.origin).hostname, row] as const));

describe('Inventory', () => {
  it('every lab origin in Firefox’s recordings: how it signs in, whether it depends on NTLM and why', () => {
    const inventory = new Inventory();
    for (const recording of recordings.filter((item) => item.browser === 'firefox'))
      for (const exchange of replay(recording)) inventory.add(exchange, 'live');
    const rows = byOrigin(inventory);
    expect(rows.get('intranet.lab.test')).toMatchObject({ kerberos: expect.any(Number), ntlm: 0, ntlmDependency: false });
    expect(rows.get('intranet.lab.test')?.kerberos).toBeGreaterThan(0);
    expect(rows.get('intranet.lab.test')?.kerberosEtypes).toEqual(['aes256-cts-hmac-sha1-96']);
    const legacy = rows.get('legacy.lab.test');
    expect(legacy).toMatchObject({ ntlmDependency: true, channelBinding: 'not applicable', seenIn: ['live'] });
    // ntlm-only and the NTLM fallback share the origin: one NTLM-only, one whose reason Firefox does not show.
    expect([...(legacy?.ntlmCauses ?? [])].sort()).toEqual(['ntlm-only', 'unknown']);
    expect(rows.get('stale.lab.test')).toMatchObject({ failed: expect.any(Number), ntlmDependency: false });
    expect(rows.get('stale.lab.test')?.findings).toContain('kerberos-rejected');
  });

  it('a Default-mode NetLog gives the same NTLM dependency as Firefox’s live capture', () => {
    const inventory = new Inventory();
    for (const exchange of importNetLog(labNetLog('default')).exchanges) inventory.add(exchange, 'net-export.json');
    const legacy = byOrigin(inventory).get('legacy.lab.test');
    expect(legacy).toMatchObject({ ntlmDependency: true, seenIn: ['net-export.json'] });
    expect(byOrigin(inventory).get('intranet.lab.test')).toMatchObject({ ntlmDependency: false });
  });

  it('channel binding over HTTPS from the AUTHENTICATE: bound (Chromium’s vector with a hash), not bound (all zero)', () => {
    const token = (name: string) => publicTokens.find((entry) => entry.name === name)?.base64 as string;
    const handshake = (url: string, authenticate: string) =>
      syntheticExchange(url, [
        { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'NTLM' }] },
        {
          authorization: `NTLM ${labToken('chromium-ntlm-negotiate')}`,
          status: 401,
          headers: [{ name: 'WWW-Authenticate', value: `NTLM ${labToken('lab-ntlm-challenge')}` }],
        },
        { authorization: `NTLM ${authenticate}`, status: 200 },
      ]);
    const inventory = new Inventory();
    inventory.add(handshake('https://bound.example/', token('chromium-ntlmv2-authenticate-cbt-mic')), 'a.har');
    inventory.add(handshake('https://unbound.example/', token('chromium-ntlmv2-authenticate-cbt-zero')), 'a.har');
    inventory.add(handshake('http://plain.example/', token('chromium-ntlmv2-authenticate-cbt-zero')), 'a.har');
    const rows = byOrigin(inventory);
    expect(rows.get('bound.example')?.channelBinding).toBe('bound');
    expect(rows.get('unbound.example')?.channelBinding).toBe('not bound');
    expect(rows.get('plain.example')?.channelBinding).toBe('not applicable');
  });

  it('CSV (RFC 4180) keeps strangers’ text a value: quoted, and never a spreadsheet formula', () => {
    const inventory = new Inventory();
    inventory.add(
      syntheticExchange('http://evil.example/=HYPERLINK("x"),"a"', [
        { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'NTLM' }] },
      ]),
      '=cmd|calc.har',
    );
    const csv = inventoryCsv(inventory.rows());
    const [header, line] = csv.split('\r\n');
    expect(header?.split(',')).toHaveLength(12);
    expect(line).toContain(`'=cmd|calc.har`);
    expect(csv.endsWith('\r\n')).toBe(true);
    const markdown = inventoryMarkdown(inventory.rows());
    expect(markdown.split('\n')).toHaveLength(3);
    expect(markdown).toContain('=cmd\\|calc.har');
    expect(inventoryJson(inventory.rows()).origins[0]).toMatchObject({ origin: 'http://evil.example', lastSeen: expect.any(String) });
  });
});

describe('Inventory over a HAR a browser recorded', () => {
  it('Chromium 156’s HAR of the lab (final responses only): NTLM dependency unknown where the mechanism is not visible', () => {
    const har = importHar(JSON.parse(readFileSync(new URL('../../fixtures/har/chromium-lab.har', import.meta.url), 'utf8')));
    if (!har.ok) throw new Error(har.error.message);
    const inventory = new Inventory();
    for (const exchange of har.value.exchanges) inventory.add(exchange, 'chromium-lab.har');
    const rows = inventory.rows();
    const hosts = new Set(rows.map((row) => new URL(row.origin).hostname));
    for (const host of ['intranet.lab.test', 'nospn.lab.test', 'stale.lab.test', 'legacy.lab.test', 'secure.lab.test', 'h2.lab.test'])
      expect(hosts).toContain(host);
    expect(rows.find((row) => row.origin.startsWith('https://h2.lab.test'))).toMatchObject({ kerberos: 1, ntlmDependency: false });
    // The NTLM-only site over HTTPS signed in behind legs the HAR does not hold: not "no", unknown.
    const secure = rows.find((row) => row.origin.startsWith('https://secure.lab.test'));
    expect(secure?.ntlmDependency).toBeNull();
    expect(inventoryCsv(rows)).toContain(',unknown,');
  });
});
