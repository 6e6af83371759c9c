import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, isPanelRequest, isPanelResponse, panelRequest } from '../../src/shared/protocol';

describe('status request and response guards', () => {
  it('accept the typed request and a full status answer', () => {
    expect(isPanelRequest(panelRequest('get-status'))).toBe(true);
    expect(
      isPanelResponse({
        source: 'authscope-background',
        protocol: PROTOCOL_VERSION,
        type: 'status',
        version: '0.1.0',
        startedAt: 1,
        captureFailures: 0,
      }),
    ).toBe(true);
  });

  it('reject other senders, other protocol versions and missing fields', () => {
    expect(isPanelRequest({ source: 'page', protocol: PROTOCOL_VERSION, type: 'get-status' })).toBe(false);
    expect(isPanelRequest({ ...panelRequest('get-status'), protocol: PROTOCOL_VERSION + 1 })).toBe(false);
    expect(isPanelResponse({ source: 'authscope-background', protocol: PROTOCOL_VERSION, type: 'status', version: '0.1.0' })).toBe(false);
    expect(isPanelResponse(null)).toBe(false);
  });
});
