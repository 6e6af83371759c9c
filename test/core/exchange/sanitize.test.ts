// A site's own credentials are none of our business; strangers' headers are bounded; raw tokens never reach the
// journal when they are not to be kept.
import { describe, expect, it } from 'vitest';
import { Capture } from '../../../src/core/exchange/capture';
import type { CaptureEvent, Header, RequestHeadersEvent, ResponseHeadersEvent } from '../../../src/core/exchange/events';
import { headersFingerprint, requestHeadBytes } from '../../../src/core/exchange/events';
import { MAX_CHALLENGES } from '../../../src/core/exchange/limits';
import { sanitizeEvent } from '../../../src/core/exchange/sanitize';
import { summarizeExchange } from '../../../src/core/exchange/summary';
import { labToken } from '../../helpers/fixtures';
import { mainExchange, recordingOf, replayEvents } from '../../../tools/fixtures/recordings';

const identity = {
  requestId: '9',
  url: 'http://app.example/api',
  method: 'GET',
  resourceType: 'xmlhttprequest',
  tabId: 1,
  frameId: 0,
  initiator: null,
};
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
const request = (headers: Header[]): RequestHeadersEvent => ({ type: 'request-headers', time: 1, headers, ...identity });
const response = (status: number, headers: Header[]): ResponseHeadersEvent => ({
  type: 'response-headers',
  time: 2,
  statusCode: status,
  statusLine: `HTTP/1.1 ${status}`,
  headers,
  ...identity,
});
const SITE_SECRETS: Header[] = [
  { name: 'Authorization', value: `Bearer ${JWT}` },
  { name: 'Cookie', value: 'session=s3cr3t; csrftoken=abc' },
  { name: 'X-Api-Key', value: 'key-123456' },
];

describe('a site’s own credentials', () => {
  it.each([
    ['Bearer', `Bearer ${JWT}`],
    ['Basic', 'Basic YWxpY2U6cGFzc3dvcmQ='],
    ['a bare API key', 'k3y-0123456789abcdef0123456789abcdef'],
    // Shaped like a scheme name (an RFC 9110 token of 27 characters): still a secret, never kept.
    ['a short bare API key', 'k3y-0123456789abcdef-s3cr3t'],
    ['an API key with spaces and symbols', 'ApiKey=" 123 ";sig=%%%'],
  ])('%s answered 200 without a challenge starts no exchange and is not kept', (_, value) => {
    const capture = new Capture({ browser: 'chromium', keepRawTokens: true });
    const sent = request([{ name: 'Authorization', value }, ...SITE_SECRETS.slice(1)]);
    expect(capture.apply(sent)).toBeNull();
    expect(capture.apply(response(200, []))).toBeNull();
    const secret = value.replace(/^(Bearer|Basic) /, '').slice(0, 16);
    expect(JSON.stringify(sanitizeEvent(sent, true))).not.toContain(secret);
  });

  it('keeps nothing of an unknown scheme sent after a Windows challenge (an API key where the scheme goes)', () => {
    const key = 'k3y-0123456789abcdef-s3cr3t';
    const events = [
      response(401, [{ name: 'WWW-Authenticate', value: 'Negotiate' }]),
      request([{ name: 'Authorization', value: key }]),
      response(200, []),
    ];
    expect(JSON.stringify(events.map((event) => sanitizeEvent(event, true)))).not.toContain(key);
    const [exchange] = replayEvents('firefox', events);
    expect(exchange?.legs[1]?.request?.credentials ?? null).toBeNull();
    expect(JSON.stringify(exchange)).not.toContain(key);
  });

  it('of another scheme after a challenge, only the scheme name is kept; an unparseable value not at all', () => {
    const exchanges = replayEvents('firefox', [
      response(401, [{ name: 'WWW-Authenticate', value: 'Basic realm="intranet", charset="UTF-8"' }]),
      request([{ name: 'Authorization', value: 'Basic YWxpY2U6cGFzc3dvcmQ=' }, ...SITE_SECRETS.slice(1)]),
      response(401, [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }]),
      request([{ name: 'Authorization', value: '"not a scheme" at all' }]),
      response(200, []),
    ]);
    const [exchange] = exchanges;
    expect(exchange?.legs.map((leg) => leg.request?.credentials ?? null)).toEqual([
      null,
      { scheme: 'Basic', kind: 'basic', token: null, summary: null },
      null,
    ]);
    const stored = JSON.stringify(exchanges);
    for (const secret of ['YWxpY2U6cGFzc3dvcmQ', 's3cr3t', 'key-123456', 'not a scheme', 'realm="intranet"'])
      expect(stored).not.toContain(secret);
  });

  it('the sanitized event keeps only the headers capture reads, with the request size and fingerprint of the full ones', () => {
    const headers: Header[] = [
      { name: 'Authorization', value: `Negotiate ${labToken('chromium-negotiate-ap-req')}` },
      ...SITE_SECRETS.slice(1),
    ];
    const sanitized = sanitizeEvent(request(headers), true) as RequestHeadersEvent;
    expect(sanitized.headers.map((header) => header.name)).toEqual(['Authorization']);
    expect(sanitized.headBytes).toBe(requestHeadBytes('GET', identity.url, headers));
    const answer: Header[] = [
      { name: 'WWW-Authenticate', value: 'Negotiate' },
      { name: 'Set-Cookie', value: 'session=s3cr3t' },
      { name: 'Server', value: 'Microsoft-IIS/10.0' },
    ];
    const sanitizedAnswer = sanitizeEvent(response(401, answer), true) as ResponseHeadersEvent;
    expect(sanitizedAnswer.headers.map((header) => header.name)).toEqual(['WWW-Authenticate', 'Server']);
    expect(sanitizedAnswer.fingerprint).toBe(headersFingerprint(401, answer));
    expect(sanitizeEvent(sanitizedAnswer, true)).toEqual(sanitizedAnswer);
  });
});

describe('"Keep raw tokens" off', () => {
  it('no raw token in the sanitized event, yet the same summaries and verdict inputs after capture', () => {
    const recording = recordingOf('firefox', 'ntlm-fallback');
    const raw = JSON.stringify(recording.events);
    expect(raw).toMatch(/TlRMTVNTUAAD/);
    const sanitized = recording.events.map((event) => sanitizeEvent(event, false));
    expect(JSON.stringify(sanitized)).not.toMatch(/TlRMTVNT|YII[A-Za-z0-9+/]{16}/);
    const fromSummaries = mainExchange(recording, replayEvents('firefox', sanitized, false));
    const fromTokens = mainExchange(recording, replayEvents('firefox', recording.events, false));
    expect(summarizeExchange(fromSummaries)).toEqual(summarizeExchange(fromTokens));
    expect(fromSummaries.legs).toEqual(fromTokens.legs);
  });
});

describe('hostile headers', () => {
  it('a WWW-Authenticate of 32,000 challenges (600 KB) keeps 16 of them and says so; unknown schemes not at all', () => {
    const value = Array.from({ length: 32_000 }, (_, index) => `Basic realm="r${index}", X${index}`).join(', ');
    expect(value.length).toBeGreaterThan(200_000);
    const event = sanitizeEvent(response(401, [{ name: 'WWW-Authenticate', value }]), true);
    const [exchange] = replayEvents('firefox', [event as CaptureEvent]);
    expect(exchange?.legs[0]?.response?.challenges).toHaveLength(MAX_CHALLENGES);
    expect(exchange?.truncated).toEqual([`WWW-Authenticate: 32000 schemes offered, the first ${MAX_CHALLENGES} kept`]);
    expect(JSON.stringify(exchange).length).toBeLessThan(5_000);
  });

  it('a token longer than any real one is not kept, and the exchange says so', () => {
    const event = sanitizeEvent(response(401, [{ name: 'WWW-Authenticate', value: `Negotiate ${'A'.repeat(70_000)}` }]), true);
    const [exchange] = replayEvents('firefox', [event as CaptureEvent]);
    expect(exchange?.legs[0]?.response?.challenges[0]).toMatchObject({ scheme: 'Negotiate', token: null, summary: null });
    expect(exchange?.truncated?.[0]).toMatch(/a Negotiate token of 70000 characters was not kept/);
  });
});
