// NetLog import: the lab's scenarios recorded by `npm run lab:record` give the same mechanism and the scenario's
// finding in Default mode (tokens stripped, sizes kept) as in Everything mode (tokens kept); a NetLog re-saved as
// ordinary JSON reads the same; Windows SSPI events (synthetic, from Chromium's source) name the mechanism.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { verdictsOf } from '../../../../src/core/diagnosis/judge';
import { diagnoseExchange } from '../../../../src/core/diagnosis/findings';
import { NetLogImport, importText } from '../../../../src/core/import/file-import';
import type { Exchange } from '../../../../src/core/exchange/model';
import { summarizeExchange } from '../../../../src/core/exchange/summary';
import { type NamedEvent, type NamedNetLog, importNetLog, labNetLog, netExportText, syntheticNetLog } from '../../../helpers/netlog';

/** The scenario's request in the lab NetLogs (the last one to that URL: the first Kerberos one warms Chromium up). */
const SCENARIO_PATHS: Record<string, { readonly host: string; readonly path: string }> = {
  'kerberos-ok': { host: 'intranet.lab.test', path: '/' },
  'spn-unknown': { host: 'nospn.lab.test', path: '/' },
  'not-allowlisted': { host: 'web.corp.example', path: '/' },
  'stale-keytab': { host: 'stale.lab.test', path: '/' },
  'token-too-large': { host: 'bloat.lab.test', path: '/' },
  'ntlm-only': { host: 'legacy.lab.test', path: '/ntlm-only/' },
  'ntlm-fallback': { host: 'legacy.lab.test', path: '/iis/' },
  'preauth-first-request': { host: 'legacy.lab.test', path: '/kernel-mode/api' },
  'auth-loop': { host: 'legacy.lab.test', path: '/loop/' },
};

/** What issue 13 asks of each scenario in both capture modes: the mechanism and the scenario's finding. */
const EXPECTED: Record<string, { readonly mechanism: 'kerberos' | 'ntlm' | null; readonly finding: string }> = {
  'kerberos-ok': { mechanism: 'kerberos', finding: 'kerberos-ok' },
  'spn-unknown': { mechanism: null, finding: 'spn-unknown' },
  'not-allowlisted': { mechanism: null, finding: 'not-allowlisted' },
  'stale-keytab': { mechanism: 'kerberos', finding: 'kerberos-rejected' },
  'token-too-large': { mechanism: 'kerberos', finding: 'header-too-large' },
  'ntlm-only': { mechanism: 'ntlm', finding: 'ntlm-used' },
  'ntlm-fallback': { mechanism: 'ntlm', finding: 'ntlm-fallback' },
  'preauth-first-request': { mechanism: 'ntlm', finding: 'preauth-first-request' },
  'auth-loop': { mechanism: 'ntlm', finding: 'auth-loop' },
};

const sessions = { default: importNetLog(labNetLog('default')), everything: importNetLog(labNetLog('everything')) };

function scenarioExchange(exchanges: readonly Exchange[], scenario: string): Exchange {
  const { host, path } = SCENARIO_PATHS[scenario] as { host: string; path: string };
  const found = exchanges.filter((exchange) => {
    const url = new URL(exchange.url);
    return url.hostname === host && url.pathname === path;
  });
  const exchange = found.at(-1);
  if (!exchange) throw new Error(`no exchange for ${scenario}`);
  return exchange;
}

describe('lab NetLogs: Default mode gives the answers of Everything mode', () => {
  it.each(Object.keys(EXPECTED).flatMap((scenario) => (['default', 'everything'] as const).map((mode) => [scenario, mode] as const)))(
    '%s (%s)',
    (scenario, mode) => {
      const exchange = scenarioExchange(sessions[mode].exchanges, scenario);
      const summary = summarizeExchange(exchange);
      const expected = EXPECTED[scenario] as (typeof EXPECTED)[string];
      expect(summary.mechanism).toBe(expected.mechanism);
      expect(verdictsOf(exchange).map((verdict) => verdict.id)).toContain(expected.finding);
      if (expected.mechanism) {
        // Everything mode reads the browser's token; Default mode reads the NetLog's handler or infers, and says so.
        expect(summary.mechanismEvidence).toEqual(mode === 'everything' ? 'client-token' : expect.stringMatching(/^(netlog|inferred)$/));
        expect(summary.mechanismReading.facts.length).toBeGreaterThan(0);
      }
    },
  );

  it('Default mode keeps each stripped token’s size: NTLM NEGOTIATE, CHALLENGE and AUTHENTICATE; the Kerberos AP-REQ', () => {
    const ntlm = scenarioExchange(sessions.default.exchanges, 'ntlm-only');
    expect(
      ntlm.legs.map((leg) => [
        leg.request?.credentials?.strippedLength ?? null,
        leg.response?.challenges.map((item) => item.strippedLength ?? null),
      ]),
    ).toEqual([
      [null, [null]],
      [49, [232]],
      [501, []],
    ]);
    const kerberos = scenarioExchange(sessions.default.exchanges, 'kerberos-ok');
    expect(kerberos.legs[1]?.request?.credentials).toMatchObject({ scheme: 'Negotiate', strippedLength: 1026, token: null });
    expect(summarizeExchange(kerberos).mechanismReading.facts.map((fact) => fact.name)).toEqual(
      expect.arrayContaining(['AUTH_HANDLER_CREATE_RESULT', 'AUTH_LIBRARY_INIT_SEC_CTX', 'Authorization']),
    );
  });

  it('the auth library’s facts: handlers in order, security contexts with mechanism and credential name type', () => {
    const fallback = scenarioExchange(sessions.default.exchanges, 'ntlm-fallback');
    expect(fallback.authLibrary?.handlers?.map((handler) => handler.scheme)).toEqual(expect.arrayContaining(['negotiate', 'ntlm']));
    const kerberos = scenarioExchange(sessions.default.exchanges, 'kerberos-ok');
    expect(kerberos.authLibrary?.contexts?.[0]).toEqual({
      mechanism: '1.3.6.1.5.5.2',
      sourceNameType: '1.2.840.113554.1.2.2.1',
      error: null,
    });
    const nospn = scenarioExchange(sessions.default.exchanges, 'spn-unknown');
    expect(nospn.authLibrary?.contexts?.[0]?.error).toMatch(/Server HTTP\/nospn\.lab\.test@LAB\.TEST not found in Kerberos database/);
  });
});

describe('a NetLog re-saved as ordinary JSON', () => {
  const original = labNetLog('default');
  const parsed = JSON.parse(original) as unknown;
  const baseline = importNetLog(original).exchanges.map((exchange) => [
    exchange.url,
    summarizeExchange(exchange).mechanism,
    exchange.finalStatus,
  ]);

  it.each([
    ['compact, one line (JSON.stringify)', JSON.stringify(parsed)],
    ['pretty-printed (2 spaces)', JSON.stringify(parsed, null, 2)],
    [
      'keys reordered: events before constants',
      JSON.stringify({ events: (parsed as { events: unknown }).events, constants: (parsed as { constants: unknown }).constants }),
    ],
  ])('%s gives the same exchanges', (_, text) => {
    const session = importNetLog(text);
    expect(session.exchanges.map((exchange) => [exchange.url, summarizeExchange(exchange).mechanism, exchange.finalStatus])).toEqual(
      baseline,
    );
  });

  it('read in small chunks, strings with braces and escapes do not confuse the scanner', () => {
    const tricky = JSON.stringify(parsed).replace('"events":[', '"note":"a } ] \\" { [ string","events":[');
    const netlog = new NetLogImport();
    for (let at = 0; at < tricky.length; at += 7777) netlog.push(tricky.slice(at, at + 7777));
    const result = netlog.finish();
    expect(result.ok && result.value.exchanges.length).toBe(baseline.length);
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('a compact file cut off mid-write keeps every complete event and says so', () => {
    const compact = JSON.stringify(parsed);
    const result = importText(compact.slice(0, Math.floor(compact.length * 0.7)));
    expect(result.ok && result.warnings.map((warning) => warning.code)).toEqual(['netlog-truncated']);
  });
});

describe('Windows SSPI NetLogs (synthetic, derived from Chromium’s net/http/http_auth_sspi_win.cc)', () => {
  it('Kerberos: the SSPI context names the package', () => {
    const [exchange] = importNetLog(netExportText(syntheticNetLog('windows-sspi-kerberos-success'))).exchanges;
    expect(exchange && summarizeExchange(exchange)).toMatchObject({
      mechanism: 'kerberos',
      mechanismEvidence: 'netlog',
      outcome: 'authenticated',
    });
    expect(exchange?.authLibrary?.spn).toBe('HTTP/intranet.contoso.com');
  });

  it('NTLM inside the Negotiate package: the only sign is the context’s package, and ntlm-fallback says it', () => {
    const [exchange] = importNetLog(netExportText(syntheticNetLog('windows-sspi-negotiate-ntlm-fallback'))).exchanges;
    expect(exchange && summarizeExchange(exchange)).toMatchObject({ mechanism: 'ntlm', mechanismEvidence: 'netlog' });
    expect(exchange && verdictsOf(exchange).map((verdict) => verdict.id)).toContain('ntlm-fallback');
  });

  it('SEC_E_TARGET_UNKNOWN: the status is named and spn-unknown follows', () => {
    const [exchange] = importNetLog(netExportText(syntheticNetLog('windows-sspi-spn-unknown-target-unknown'))).exchanges;
    expect(exchange?.authLibrary?.contexts?.[0]?.error).toBe(
      'SEC_E_TARGET_UNKNOWN 0x80090303 (the specified target (SPN) is unknown or unreachable)',
    );
    expect(exchange && verdictsOf(exchange).map((verdict) => verdict.id)).toEqual(expect.arrayContaining(['no-token-sent', 'spn-unknown']));
  });
});

describe('the first Negotiate challenge after Chromium starts', () => {
  it('is explained when the NetLog shows the library was not loaded (net::ERR_UNSUPPORTED_AUTH_SCHEME)', () => {
    const first = sessions.default.exchanges.find((exchange) => exchange.url.includes('intranet.lab.test') && exchange.finalStatus === 401);
    expect(first?.authLibrary?.handlers).toEqual([{ scheme: 'negotiate', netError: 'net::ERR_UNSUPPORTED_AUTH_SCHEME' }]);
    const [finding] = diagnoseExchange(first as Exchange);
    expect(finding).toMatchObject({ id: 'no-token-sent' });
    expect(finding?.explanation).toMatch(/first Negotiate challenge after the browser starts fails/);
  });
});

describe('Windows authentication refused over HTTP/2 (synthetic, from Chromium’s net/spdy and http_network_transaction.cc)', () => {
  const source = { id: 1000, start_time: '86400100', type: 'URL_REQUEST' };
  const event = (name: string, time: number, params?: Record<string, unknown>): NamedEvent => ({
    name,
    phase: 'PHASE_NONE',
    source,
    time: String(time),
    ...(params ? { params } : {}),
  });
  /** The 401 over HTTP/1.1 after the reset (or over HTTP/2 when `challengeOverHttp2`), the retry, the 200. */
  const retried = (head: readonly NamedEvent[]): NamedNetLog => ({
    synthetic: true,
    description: 'a Negotiate exchange whose first request went over HTTP/2',
    events: [
      ...head,
      event('HTTP_TRANSACTION_READ_RESPONSE_HEADERS', 86400300, { headers: ['HTTP/1.1 401', 'WWW-Authenticate: Negotiate'] }),
      event('HTTP_TRANSACTION_SEND_REQUEST_HEADERS', 86400310, {
        line: 'GET / HTTP/1.1\r\n',
        headers: ['Host: intranet.example', 'Authorization: [1026 bytes were stripped]'],
      }),
      event('HTTP_TRANSACTION_READ_RESPONSE_HEADERS', 86400320, {
        headers: ['HTTP/1.1 200', 'WWW-Authenticate: Negotiate [32 bytes were stripped]'],
      }),
    ],
  });

  it('the server’s HTTP_1_1_REQUIRED reset (the recorded shape: HTTP2_STREAM_ERROR on the request): http11-required', () => {
    const reset = syntheticNetLog('http2-rst-stream-http11-required').events.filter((item) => item.source.type === 'URL_REQUEST');
    const [exchange] = importNetLog(netExportText(retried(reset))).exchanges;
    expect(exchange?.http11Retry?.map((item) => item.event)).toEqual([
      'HTTP2_STREAM_ERROR',
      'HTTP_TRANSACTION_HTTP2_SEND_REQUEST_HEADERS',
      'HTTP_TRANSACTION_SEND_REQUEST_HEADERS',
    ]);
    const finding = diagnoseExchange(exchange as Exchange).find((item) => item.id === 'http11-required');
    expect(finding).toMatchObject({ severity: 'info' });
    expect(finding?.evidence[0]).toMatchObject({ source: 'netlog', value: expect.stringContaining('ERR_HTTP_1_1_REQUIRED') });
  });

  it('a 401 answered over HTTP/2 and the credentials sent over HTTP/1.1 (Chromium switches by itself, no −365)', () => {
    const [exchange] = importNetLog(
      netExportText(retried([event('HTTP_TRANSACTION_HTTP2_SEND_REQUEST_HEADERS', 86400200, { headers: [':method: GET', ':path: /'] })])),
    ).exchanges;
    expect(exchange?.http11Retry?.map((item) => item.detail)).toEqual([
      'leg 1 sent over HTTP/2',
      'leg 2 sent again over HTTP/1.1, on a new connection',
    ]);
  });

  it('the lab’s negotiate-h2 recorded by Chromium 156 (Default mode): the 401 over HTTP/2, the ticket over HTTP/1.1', () => {
    const text = gunzipSync(readFileSync(new URL('../../../fixtures/netlog/chromium-https-default.json.gz', import.meta.url))).toString(
      'utf8',
    );
    const exchange = importNetLog(text).exchanges.find((item) => /^https:\/\/h2\.lab\.test:\d+\/$/.test(item.url));
    const finding = diagnoseExchange(exchange as Exchange).find((item) => item.id === 'http11-required');
    expect(finding?.severity).toBe('info');
    expect(finding?.evidence.map((item) => item.value)).toEqual([
      'leg 1 sent over HTTP/2',
      'leg 2 sent again over HTTP/1.1, on a new connection',
      '401 → 200',
    ]);
  });

  it('not for an exchange that stayed on HTTP/1.1', () => {
    const [exchange] = importNetLog(
      netExportText(
        retried([
          event('HTTP_TRANSACTION_SEND_REQUEST_HEADERS', 86400200, { line: 'GET / HTTP/1.1\r\n', headers: ['Host: intranet.example'] }),
        ]),
      ),
    ).exchanges;
    expect(exchange?.http11Retry).toBeUndefined();
  });
});
