// Turns webRequest details (Chromium or Firefox) into the core's capture events. Nothing else.
import type { CaptureEvent, CompletedEvent, Header } from '../core/exchange/events';

/** The fields of webRequest details we read; both browsers provide them. */
export interface RequestDetails {
  readonly requestId: string;
  readonly url: string;
  readonly method: string;
  readonly type: string;
  readonly tabId: number;
  readonly frameId: number;
  readonly timeStamp: number;
  readonly initiator?: string;
  readonly originUrl?: string;
  readonly requestHeaders?: Header[];
  readonly responseHeaders?: Header[];
  readonly statusCode?: number;
  readonly statusLine?: string;
  readonly redirectUrl?: string;
  readonly error?: string;
  readonly scheme?: string;
  readonly realm?: string;
  readonly challenger?: { host: string; port: number };
  readonly isProxy?: boolean;
  /** The server's address (onResponseStarted, onCompleted, onBeforeRedirect, onErrorOccurred). */
  readonly ip?: string;
}

/** Which request an event belongs to, and when the browser saw it. */
const request = (details: RequestDetails) => ({ requestId: details.requestId, time: details.timeStamp });

function identity(details: RequestDetails) {
  return {
    ...request(details),
    url: details.url,
    method: details.method,
    resourceType: details.type,
    tabId: details.tabId,
    frameId: details.frameId,
    // Chromium names the initiating origin `initiator`, Firefox gives the initiating document's `originUrl`.
    initiator: details.initiator ?? details.originUrl ?? null,
  };
}

export const toRequestHeadersEvent = (details: RequestDetails): CaptureEvent => ({
  type: 'request-headers',
  ...identity(details),
  headers: details.requestHeaders ?? [],
});

/** The response a details object carries (onHeadersReceived, onCompleted). */
const response = (details: RequestDetails) => ({
  statusCode: details.statusCode ?? 0,
  statusLine: details.statusLine ?? '',
  headers: details.responseHeaders ?? [],
});

export const toResponseHeadersEvent = (details: RequestDetails): CaptureEvent => ({
  type: 'response-headers',
  ...identity(details),
  ...response(details),
});

export const toAuthRequiredEvent = (details: RequestDetails): CaptureEvent => ({
  type: 'auth-required',
  ...request(details),
  scheme: details.scheme ?? 'unknown',
  realm: details.realm ?? null,
  challenger: details.challenger ?? { host: '', port: 0 },
  isProxy: details.isProxy ?? false,
});

export const toRedirectEvent = (details: RequestDetails): CaptureEvent => ({
  type: 'redirect',
  ...request(details),
  statusCode: details.statusCode ?? 0,
  redirectUrl: details.redirectUrl ?? '',
});

export const toCompletedEvent = (details: RequestDetails): CompletedEvent => ({
  ...identity(details),
  type: 'completed',
  ...response(details),
});

export const toErrorEvent = (details: RequestDetails): CaptureEvent => ({
  type: 'error',
  ...request(details),
  error: details.error ?? 'unknown error',
});
