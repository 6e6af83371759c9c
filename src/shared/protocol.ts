// Typed, versioned messages between the extension's pages and its background. Every receive goes through a guard.
import type { Exchange } from '../core/exchange/model';
import { parseExchange } from '../core/exchange/validate';

/** Bumped whenever a message shape changes incompatibly. */
export const PROTOCOL_VERSION = 3;

/** Name of the port a panel opens for its inspected tab. */
export const panelPortName = (tabId: number) => `panel:${tabId}`;

/** The inspected tab of a panel port, or null when the name is not a panel port's. */
export function tabOfPanelPort(name: string): number | null {
  const match = /^panel:(\d+)$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** Panel → background, one-off (runtime.sendMessage): the status, or every tab's stored exchanges (the inventory). */
export type PanelRequest = { source: 'authscope-panel'; protocol: number; type: 'get-status' | 'get-all-exchanges' };

/** Background → panel, the answer to 'get-all-exchanges': what storage.session holds for every tab. */
export type AllExchangesResponse = { source: 'authscope-background'; protocol: number; type: 'all-exchanges'; exchanges: Exchange[] };

/** Background → panel, one-off answer. */
export type PanelResponse = {
  source: 'authscope-background';
  protocol: number;
  type: 'status';
  version: string;
  /** When this background instance started (ms since epoch): a new value means the worker / event page restarted. */
  startedAt: number;
  /** Capture steps that failed since then (a rejected storage write, a bad message): counted, never stalling. */
  captureFailures: number;
};

/** Background → panel over the tab's port: the whole state, then one message per changed exchange. */
export type BackgroundPortMessage =
  | { source: 'authscope-background'; protocol: number; type: 'snapshot'; tabId: number; exchanges: Exchange[] }
  | { source: 'authscope-background'; protocol: number; type: 'exchange'; tabId: number; exchange: Exchange };

/**
 * Panel → background over the tab's port: "resync" asks for the snapshot again; "adopt" hands over an exchange the
 * panel's own listeners saw finish and the background never showed (its worker missed the events).
 */
export type PanelPortMessage =
  | { source: 'authscope-panel'; protocol: number; type: 'resync' }
  | { source: 'authscope-panel'; protocol: number; type: 'adopt'; exchange: Exchange };

/** Builds a request with the envelope filled in. */
export function panelRequest(type: PanelRequest['type']): PanelRequest {
  return { source: 'authscope-panel', protocol: PROTOCOL_VERSION, type };
}

const hasEnvelope = (message: unknown, source: string): message is { type: unknown } =>
  typeof message === 'object' &&
  message !== null &&
  (message as { source?: unknown }).source === source &&
  (message as { protocol?: unknown }).protocol === PROTOCOL_VERSION;

/** Guard for messages the background receives. */
export function isPanelRequest(message: unknown): message is PanelRequest {
  return hasEnvelope(message, 'authscope-panel') && (message.type === 'get-status' || message.type === 'get-all-exchanges');
}

/** Guard for the answer to 'get-all-exchanges'. */
export function isAllExchangesResponse(message: unknown): message is AllExchangesResponse {
  return (
    hasEnvelope(message, 'authscope-background') &&
    message.type === 'all-exchanges' &&
    Array.isArray((message as { exchanges?: unknown }).exchanges)
  );
}

/** Guard for messages the panel receives. */
export function isPanelResponse(message: unknown): message is PanelResponse {
  return (
    hasEnvelope(message, 'authscope-background') &&
    message.type === 'status' &&
    typeof (message as { version?: unknown }).version === 'string' &&
    typeof (message as { startedAt?: unknown }).startedAt === 'number' &&
    typeof (message as { captureFailures?: unknown }).captureFailures === 'number'
  );
}

/** Guard for port messages the panel receives. */
export function isBackgroundPortMessage(message: unknown): message is BackgroundPortMessage {
  if (!hasEnvelope(message, 'authscope-background') || typeof (message as { tabId?: unknown }).tabId !== 'number') return false;
  if (message.type === 'snapshot') return Array.isArray((message as { exchanges?: unknown }).exchanges);
  return message.type === 'exchange' && typeof (message as { exchange?: unknown }).exchange === 'object';
}

/** Guard for port messages the background receives: an adopted exchange is checked field by field, with size
 *  limits (core/exchange/validate.ts); anything else is dropped. */
export function isPanelPortMessage(message: unknown): message is PanelPortMessage {
  if (!hasEnvelope(message, 'authscope-panel')) return false;
  if (message.type === 'resync') return true;
  if (message.type !== 'adopt') return false;
  const exchange = parseExchange((message as { exchange?: unknown }).exchange);
  return exchange !== null && exchange.done;
}
