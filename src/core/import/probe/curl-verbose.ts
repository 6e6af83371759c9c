// The handshake this computer's curl ran (`curl --negotiate -u : -v`), read from its verbose trace: each request's
// headers ("> "), each response's status line and headers ("< "), and what curl's GSSAPI / SSPI layer said
// ("* gss_init_sec_context() failed: …"). The legs go through the same Capture as a browser's events, so the rules and
// reports see the handshake the way they see any other (every leg visible, tokens included).
import { Capture } from '../../exchange/capture';
import type { CaptureEvent, Header } from '../../exchange/events';
import type { Exchange } from '../../exchange/model';

export interface CurlLeg {
  readonly request: readonly Header[];
  readonly status: number | null;
  readonly statusLine: string | null;
  readonly response: readonly Header[];
}

export interface CurlTrace {
  readonly legs: readonly CurlLeg[];
  /** What curl's authentication layer said (GSSAPI / SSPI errors), once each. */
  readonly notes: readonly string[];
}

const header = (line: string): Header | null => {
  const colon = line.indexOf(':');
  return colon > 0 ? { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() } : null;
};

/** Reads `curl -v` output; lines that are not trace lines (the body, progress) are skipped. */
export function readCurlVerbose(text: string): CurlTrace {
  const legs: { request: Header[]; status: number | null; statusLine: string | null; response: Header[] }[] = [];
  const notes: string[] = [];
  let current: (typeof legs)[number] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('> ')) {
      const body = line.slice(2);
      if (/^[A-Z]+ \S+ HTTP\/[\d.]+$/.test(body)) {
        current = { request: [], status: null, statusLine: null, response: [] };
        legs.push(current);
        continue;
      }
      const parsed = header(body);
      if (current && parsed) current.request.push(parsed);
    } else if (line.startsWith('< ')) {
      const body = line.slice(2);
      const status = /^HTTP\/[\d.]+ (\d{3})/.exec(body);
      if (status && current) {
        current.status = Number(status[1]);
        current.statusLine = body.trim();
        continue;
      }
      const parsed = header(body);
      if (current && parsed) current.response.push(parsed);
    } else if (line.startsWith('* ')) {
      const note = /(gss_init_sec_context\(\) failed.*|SSPI: .*|InitializeSecurityContext failed.*|schannel: .*failed.*)/i.exec(line)?.[1];
      if (note && !notes.includes(note.trim())) notes.push(note.trim());
    }
  }
  return { legs, notes };
}

/** The legs as one exchange, built by the same Capture every source uses. */
export function curlExchange(url: string, trace: CurlTrace, startedAt: number): Exchange | null {
  const capture = new Capture({ browser: 'curl', keepRawTokens: true });
  const identity = { requestId: 'probe', url, method: 'GET', resourceType: 'other', tabId: -1, frameId: 0, initiator: null };
  let latest: Exchange | null = null;
  let time = startedAt;
  const apply = (event: CaptureEvent) => {
    latest = capture.apply(event) ?? latest;
  };
  for (const leg of trace.legs) {
    apply({ type: 'request-headers', headers: leg.request, time: time++, ...identity });
    if (leg.status === null) continue;
    apply({
      type: 'response-headers',
      statusCode: leg.status,
      statusLine: leg.statusLine ?? `HTTP/1.1 ${leg.status}`,
      headers: leg.response,
      time: time++,
      ...identity,
    });
  }
  const last = trace.legs.at(-1);
  if (latest && last?.status != null) apply({ type: 'completed', requestId: 'probe', time: time++, statusCode: last.status });
  return latest;
}
