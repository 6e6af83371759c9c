// http11-required: a NetLog shows the request refused over HTTP/2 (or QUIC) at the Windows challenge and sent again
// over HTTP/1.1 on a new connection. Negotiate and NTLM authenticate a connection (RFC 4559 §4, MS-NTHT), which a
// multiplexed connection cannot be: IIS resets the stream with HTTP_1_1_REQUIRED (RFC 7540 §7, 0xd), and Chromium
// restarts connection-based auth on HTTP/1.1 itself. It works, at the cost of a new connection each time.
import type { ExchangeRule } from '../finding';
import { statusEvidence, verdict } from '../evidence';

export const http11Required: ExchangeRule = {
  ids: ['http11-required'],
  check(context) {
    const { exchange, summary } = context;
    const events = exchange.http11Retry ?? [];
    if (events.length === 0) return [];
    const failed = summary.outcome !== 'authenticated';
    return [
      verdict('http11-required', context, {
        severity: failed ? 'warning' : 'info',
        title: 'Windows authentication refused over HTTP/2: the browser retried over HTTP/1.1',
        evidence: [
          ...events.map((event) => ({ leg: null, source: 'netlog' as const, name: event.event, value: event.detail })),
          statusEvidence(exchange),
        ],
      }),
    ];
  },
};
