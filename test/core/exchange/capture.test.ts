import { describe, expect, it } from 'vitest';
import { Capture } from '../../../src/core/exchange/capture';
import type { BrowserFamily, CaptureEvent, Header } from '../../../src/core/exchange/events';
import { requestHeadBytes } from '../../../src/core/exchange/events';
import type { Exchange } from '../../../src/core/exchange/model';
import { type Outcome, summarizeExchange } from '../../../src/core/exchange/summary';
import { labToken } from '../../helpers/fixtures';
import { mainExchange, recordingOf, recordings, replay } from '../../../tools/fixtures/recordings';

/** The same outcomes the real-browser tests see (test/e2e/capture.e2e.test.ts), now from recorded streams. */
const EXPECTED: Record<BrowserFamily, Record<string, Outcome>> = {
  chromium: {
    'kerberos-ok': 'authenticated',
    'spn-unknown': 'unknown',
    'not-allowlisted': 'no-token-sent',
    'stale-keytab': 'unknown',
    'token-too-large': 'header-too-large',
    'ntlm-only': 'authenticated',
    'ntlm-fallback': 'authenticated',
    'preauth-first-request': 'rejected',
    'auth-loop': 'loop',
    'ntlm-https': 'authenticated',
    'negotiate-h2': 'authenticated',
  },
  firefox: {
    'kerberos-ok': 'authenticated',
    'spn-unknown': 'no-token-sent',
    'not-allowlisted': 'no-token-sent',
    'stale-keytab': 'rejected',
    'token-too-large': 'header-too-large',
    'ntlm-only': 'authenticated',
    'ntlm-fallback': 'authenticated',
    'preauth-first-request': 'rejected',
    'auth-loop': 'loop',
    'ntlm-https': 'authenticated',
    'negotiate-h2': 'authenticated',
  },
};

describe('Capture — recorded lab streams (test/fixtures/capture)', () => {
  it('has a recording for every scenario in both browsers', () => {
    expect(recordings.map((recording) => `${recording.browser}/${recording.scenario}`).sort()).toEqual(
      Object.entries(EXPECTED)
        .flatMap(([browser, scenarios]) => Object.keys(scenarios).map((scenario) => `${browser}/${scenario}`))
        .sort(),
    );
  });

  it.each(recordings.map((recording) => [`${recording.browser}/${recording.scenario}`, recording] as const))('%s', (_, recording) => {
    const exchange = mainExchange(recording, replay(recording));
    expect(exchange).toBeDefined();
    expect(summarizeExchange(exchange).outcome).toBe(EXPECTED[recording.browser][recording.scenario]);
  });

  it('Chromium: the first leg and the final response only, the final token decoded (kerberos-ok)', () => {
    const recording = recordingOf('chromium', 'kerberos-ok');
    const exchange = mainExchange(recording, replay(recording));
    expect(exchange.legs.map((leg) => [leg.request?.visible ?? 'hidden', leg.response?.status])).toEqual([
      [false, 401],
      ['hidden', 200],
    ]);
    expect(exchange.hiddenLegs).toBe(true);
    expect(summarizeExchange(exchange)).toMatchObject({ mechanism: 'kerberos', mechanismEvidence: 'server-token', offered: ['Negotiate'] });
  });

  it('Firefox: every leg with the browser token, its SPN and the request size (kerberos-ok)', () => {
    const recording = recordingOf('firefox', 'kerberos-ok');
    const exchange = mainExchange(recording, replay(recording));
    const sent = exchange.legs[1]?.request;
    expect(sent?.credentials?.summary).toMatchObject({ kind: 'spnego-init', mechanism: 'kerberos', spn: 'HTTP/intranet.lab.test' });
    expect(sent?.headBytes).toBeGreaterThan(1000);
    expect(summarizeExchange(exchange)).toMatchObject({ mechanism: 'kerberos', mechanismEvidence: 'client-token' });
  });

  it('Firefox: the NTLM handshake legs in order, with the CHALLENGE from http.sys (ntlm-only)', () => {
    const recording = recordingOf('firefox', 'ntlm-only');
    const exchange = mainExchange(recording, replay(recording));
    expect(
      exchange.legs.map((leg) => [
        leg.request?.credentials?.summary?.kind ?? null,
        leg.response?.status,
        leg.response?.challenges[0]?.summary?.kind ?? null,
      ]),
    ).toEqual([
      [null, 401, null],
      ['ntlm-negotiate', 401, 'ntlm-challenge'],
      ['ntlm-authenticate', 200, null],
    ]);
    expect(exchange.legs[1]?.response?.server).toBe('Microsoft-HTTPAPI/2.0');
    expect(exchange.legs[2]?.response?.persistentAuth).toBe('true');
  });

  it('drops raw tokens but keeps their summaries when asked not to keep them', () => {
    const recording = recordingOf('firefox', 'kerberos-ok');
    const exchange = mainExchange(recording, replay(recording, false));
    const sent = exchange.legs[1]?.request?.credentials;
    expect(sent?.token).toBeNull();
    expect(sent?.summary?.kind).toBe('spnego-init');
    expect(JSON.stringify(exchange)).not.toContain('YII');
  });

  it('restores from a snapshot after the worker stops, at every point of a handshake', () => {
    const recording = recordingOf('firefox', 'ntlm-only');
    const whole = mainExchange(recording, replay(recording));
    for (let cut = 1; cut < recording.events.length; cut++) {
      const first = new Capture({ browser: 'firefox', keepRawTokens: true });
      const latest = new Map<string, Exchange>();
      for (const event of recording.events.slice(0, cut)) {
        const exchange = first.apply(event);
        if (exchange) latest.set(exchange.id, exchange);
      }
      const restarted = new Capture({ browser: 'firefox', keepRawTokens: true }, JSON.parse(JSON.stringify(first.snapshot())));
      for (const event of recording.events.slice(cut)) {
        const exchange = restarted.apply(event);
        if (exchange) latest.set(exchange.id, exchange);
      }
      expect(latest.get(whole.id)).toEqual(whole);
    }
  });
});

describe('Capture — rules built from the event model', () => {
  const base = {
    url: 'http://app.lab.test/api',
    method: 'GET',
    resourceType: 'xmlhttprequest',
    tabId: 7,
    frameId: 0,
    initiator: 'http://app.lab.test',
  };
  const request = (requestId: string, time: number, headers: Header[]): CaptureEvent => ({
    type: 'request-headers',
    requestId,
    time,
    headers,
    ...base,
  });
  const response = (requestId: string, time: number, statusCode: number, headers: Header[]): CaptureEvent => ({
    type: 'response-headers',
    requestId,
    time,
    statusCode,
    statusLine: `HTTP/1.1 ${statusCode}`,
    headers,
    ...base,
  });
  const ntlmType1 = labToken('chromium-ntlm-negotiate');

  it('ignores requests that have nothing to do with authentication, at the gate', () => {
    const capture = new Capture({ browser: 'chromium', keepRawTokens: true });
    expect(capture.isRelevant(request('1', 1, [{ name: 'Accept', value: '*/*' }]))).toBe(false);
    expect(capture.isRelevant(response('1', 2, 200, [{ name: 'Content-Type', value: 'text/html' }]))).toBe(false);
    expect(capture.isRelevant({ type: 'completed', requestId: '1', time: 3, statusCode: 200 })).toBe(false);
    expect(capture.apply(response('1', 2, 200, []))).toBeNull();
  });

  it('flags credentials sent before any challenge from the origin, and not after one', () => {
    const capture = new Capture({ browser: 'firefox', keepRawTokens: true });
    const first = capture.apply(request('1', 1, [{ name: 'Authorization', value: `NTLM ${ntlmType1}` }]));
    expect(first?.preAuthenticated).toBe(true);
    capture.apply(response('1', 2, 401, [{ name: 'WWW-Authenticate', value: 'NTLM' }]));
    const later = capture.apply(request('2', 3, [{ name: 'Authorization', value: `NTLM ${ntlmType1}` }]));
    expect(later?.preAuthenticated).toBe(false);
    expect(capture.snapshot().origins['http://app.lab.test']).toEqual({ challenged: true });
  });

  it('Chromium: an onCompleted that repeats the 401 already seen adds no leg', () => {
    const capture = new Capture({ browser: 'chromium', keepRawTokens: true });
    const headers = [{ name: 'WWW-Authenticate', value: 'Negotiate' }];
    capture.apply(response('1', 1, 401, headers));
    const done = capture.apply({ type: 'completed', requestId: '1', time: 2, statusCode: 401, headers });
    expect(done?.legs).toHaveLength(1);
    expect(summarizeExchange(done as Exchange).outcome).toBe('no-token-sent');
  });

  it('starts an exchange from an authenticated completion whose earlier events were lost', () => {
    const capture = new Capture({ browser: 'chromium', keepRawTokens: true });
    const done = capture.apply({
      type: 'completed',
      requestId: '9',
      time: 5,
      statusCode: 200,
      statusLine: 'HTTP/1.1 200 OK',
      headers: [{ name: 'Persistent-Auth', value: 'true' }],
      ...base,
    });
    expect(done).toMatchObject({ done: true, hiddenLegs: true, finalStatus: 200 });
    expect(done?.finalResponseOnly).toBeUndefined();
    expect(summarizeExchange(done as Exchange).outcome).toBe('authenticated');
  });

  it("marks an exchange seen by Chromium's cheap listeners only (a site not yet watched fully)", () => {
    const capture = new Capture({ browser: 'chromium', keepRawTokens: true });
    const headers = [{ name: 'WWW-Authenticate', value: 'Negotiate' }];
    const done = capture.apply({ type: 'completed', requestId: '10', time: 5, statusCode: 401, headers, finalResponseOnly: true, ...base });
    expect(done).toMatchObject({ done: true, hiddenLegs: true, finalStatus: 401, finalResponseOnly: true });
  });

  it('estimates the request head size the way Microsoft’s size estimate counts it', () => {
    expect(requestHeadBytes('GET', 'http://app.lab.test/api?x=1', [{ name: 'Authorization', value: 'NTLM abc' }])).toBe(
      'GET /api?x=1 HTTP/1.1\r\n'.length + 'Host: app.lab.test\r\n'.length + 'Authorization: NTLM abc\r\n'.length + 2,
    );
  });

  it('adopts a finished exchange witnessed elsewhere: replaces the partial one, follows the token setting', () => {
    const recording = recordingOf('firefox', 'kerberos-ok');
    const witnessed = mainExchange(recording);
    const capture = new Capture({ browser: 'firefox', keepRawTokens: false });
    const first = recording.events.find((event) => event.requestId === witnessed.requestId) as CaptureEvent;
    capture.apply(first);
    expect(capture.snapshot().active[witnessed.requestId]).toBeDefined();
    const adopted = capture.adopt(witnessed);
    expect(capture.snapshot().active[witnessed.requestId]).toBeUndefined();
    expect(adopted.recoveredByPanel).toBe(true);
    expect(adopted.legs.flatMap((leg) => [leg.request?.credentials?.token ?? null]).every((token) => token === null)).toBe(true);
    expect(witnessed.legs.some((leg) => leg.request?.credentials?.token)).toBe(true);
  });
});
