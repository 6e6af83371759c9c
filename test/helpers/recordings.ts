// The recorded lab capture streams (test/fixtures/capture, provenance in its README) and how to replay them.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Capture } from '../../src/core/exchange/capture';
import type { BrowserFamily, CaptureEvent, Header } from '../../src/core/exchange/events';
import type { Exchange } from '../../src/core/exchange/model';

export interface Recording {
  browser: BrowserFamily;
  scenario: string;
  url: string;
  events: CaptureEvent[];
}

// A path, not a URL: DOM test environments replace the global URL class.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/capture');

export const recordings: Recording[] = ['chromium', 'firefox'].flatMap((browser) =>
  readdirSync(join(FIXTURES, browser))
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(FIXTURES, browser, file), 'utf8')) as Recording),
);

/** Replays events through a fresh Capture; returns every exchange it finished or left open. */
export function replayEvents(browser: BrowserFamily, events: readonly CaptureEvent[], keepRawTokens = true): Exchange[] {
  const capture = new Capture({ browser, keepRawTokens });
  const latest = new Map<string, Exchange>();
  for (const event of events) {
    const exchange = capture.apply(event);
    if (exchange) latest.set(exchange.id, exchange);
  }
  return [...latest.values()];
}

export const replay = (recording: Recording, keepRawTokens = true): Exchange[] =>
  replayEvents(recording.browser, recording.events, keepRawTokens);

export const recordingOf = (browser: BrowserFamily, scenario: string): Recording => {
  const recording = recordings.find((candidate) => candidate.browser === browser && candidate.scenario === scenario);
  if (!recording) throw new Error(`no recording ${browser}/${scenario}`);
  return recording;
};

/** The scenario's own exchange (the pre-auth scenario's page calls /kernel-mode/api). */
export function mainExchange(recording: Recording, exchanges: Exchange[] = replay(recording)): Exchange {
  const url = recording.scenario === 'preauth-first-request' ? new URL('/kernel-mode/api', recording.url).href : recording.url;
  return exchanges.filter((exchange) => exchange.url === url).at(-1) as Exchange;
}

export interface SyntheticLeg {
  /** Authorization value the browser sent on this leg, if any. */
  readonly authorization?: string;
  readonly proxyAuthorization?: string;
  readonly status: number;
  /** Extra response headers (WWW-Authenticate, Server, Persistent-Auth, Via …). */
  readonly headers?: readonly Header[];
}

/** A Firefox-style event stream (every leg visible) for one request, for cases the lab does not record. */
export function syntheticExchange(url: string, legs: readonly SyntheticLeg[], requestId = '1'): Exchange {
  const identity = { requestId, url, method: 'GET', resourceType: 'main_frame', tabId: 1, frameId: 0, initiator: null };
  const events: CaptureEvent[] = [];
  let time = 1;
  for (const leg of legs) {
    const headers: Header[] = [];
    if (leg.authorization) headers.push({ name: 'Authorization', value: leg.authorization });
    if (leg.proxyAuthorization) headers.push({ name: 'Proxy-Authorization', value: leg.proxyAuthorization });
    events.push({ type: 'request-headers', time: time++, headers, ...identity });
    events.push({
      type: 'response-headers',
      time: time++,
      statusCode: leg.status,
      statusLine: `HTTP/1.1 ${leg.status}`,
      headers: leg.headers ?? [],
      ...identity,
    });
  }
  const last = legs.at(-1);
  events.push({ type: 'completed', requestId, time: time++, statusCode: last?.status ?? 0 });
  const exchange = replayEvents('firefox', events).find((candidate) => candidate.url === url);
  if (!exchange) throw new Error('the synthetic events built no exchange');
  return exchange;
}
