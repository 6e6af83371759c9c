// preauth-first-request (Microsoft KB2749007): any exchange whose first leg carries credentials before a challenge on
// it and is answered 401 is an error — also on an origin challenged before; pre-authentication that works is a
// warning on the first request to an origin only.
import { describe, expect, it } from 'vitest';
import { verdictsOf } from '../../../../src/core/diagnosis/judge';
import { Capture } from '../../../../src/core/exchange/capture';
import type { CaptureEvent } from '../../../../src/core/exchange/events';
import type { Exchange } from '../../../../src/core/exchange/model';

const ORIGIN = 'http://legacy.lab.test';
const NEGOTIATE = 'NTLM TlRMTVNTUAABAAAAB4IIAAAAAAAgAAAAAAAAACAAAAA=';

/** One request on a shared capture: its first leg's Authorization (if any) and the statuses it got. */
function request(capture: Capture, id: string, authorization: string | null, statuses: number[]): Exchange {
  const identity = {
    requestId: id,
    url: `${ORIGIN}/api/${id}`,
    method: 'GET',
    resourceType: 'xmlhttprequest',
    tabId: 1,
    frameId: 0,
    initiator: null,
  };
  let result: Exchange | null = null;
  statuses.forEach((status, index) => {
    const headers = index === 0 && authorization ? [{ name: 'Authorization', value: authorization }] : [];
    const events: CaptureEvent[] = [
      { type: 'request-headers', time: index * 2, headers, ...identity },
      {
        type: 'response-headers',
        time: index * 2 + 1,
        statusCode: status,
        statusLine: `HTTP/1.1 ${status}`,
        headers:
          status === 401
            ? [
                { name: 'WWW-Authenticate', value: 'NTLM' },
                { name: 'Server', value: 'Microsoft-HTTPAPI/2.0' },
              ]
            : [],
        ...identity,
      },
    ];
    for (const event of events) result = capture.apply(event) ?? result;
  });
  result = capture.apply({ type: 'completed', requestId: id, time: 99, statusCode: statuses.at(-1) ?? 0 }) ?? result;
  if (!result) throw new Error('no exchange');
  return result;
}

const finding = (exchange: Exchange) => verdictsOf(exchange).find((verdict) => verdict.id === 'preauth-first-request');

describe('preauth-first-request', () => {
  it('errors on a pre-authenticated request answered 401 even when the origin was challenged before', () => {
    const capture = new Capture({ browser: 'chromium', keepRawTokens: false });
    request(capture, 'challenge', null, [401]);
    const later = request(capture, 'later', NEGOTIATE, [401]);
    expect(later.preAuthenticated).toBe(false);
    expect(finding(later)).toMatchObject({ severity: 'error', title: 'Pre-authenticated request answered 401 (KB2749007)' });
    expect(verdictsOf(later).map((verdict) => verdict.id)).not.toContain('ntlm-fallback');
  });

  it('warns on pre-authentication that works on the first request to an origin, and not on later ones', () => {
    const capture = new Capture({ browser: 'chromium', keepRawTokens: false });
    const first = request(capture, 'first', NEGOTIATE, [200]);
    expect(finding(first)).toMatchObject({ severity: 'warning' });
    request(capture, 'challenge', null, [401]);
    expect(finding(request(capture, 'later', NEGOTIATE, [200]))).toBeUndefined();
  });

  it('stays silent when the first leg carried nothing', () => {
    expect(finding(request(new Capture({ browser: 'chromium', keepRawTokens: false }), 'plain', null, [401, 200]))).toBeUndefined();
  });
});
