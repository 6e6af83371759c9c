// Typed, versioned messages between the extension's pages and its background. Every receive goes through a guard.

/** Bumped whenever a message shape changes incompatibly. */
export const PROTOCOL_VERSION = 1;

/** Panel → background. */
export type PanelRequest = { source: 'authscope-panel'; protocol: number; type: 'get-status' };

/** Background → panel. */
export type PanelResponse = { source: 'authscope-background'; protocol: number; type: 'status'; version: string };

/** Builds a request with the envelope filled in. */
export function panelRequest(type: PanelRequest['type']): PanelRequest {
  return { source: 'authscope-panel', protocol: PROTOCOL_VERSION, type };
}

/** Guard for messages the background receives. */
export function isPanelRequest(message: unknown): message is PanelRequest {
  const candidate = message as Partial<PanelRequest> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.source === 'authscope-panel' &&
    candidate.protocol === PROTOCOL_VERSION &&
    candidate.type === 'get-status'
  );
}

/** Guard for messages the panel receives. */
export function isPanelResponse(message: unknown): message is PanelResponse {
  const candidate = message as Partial<PanelResponse> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.source === 'authscope-background' &&
    candidate.protocol === PROTOCOL_VERSION &&
    candidate.type === 'status' &&
    typeof candidate.version === 'string'
  );
}
