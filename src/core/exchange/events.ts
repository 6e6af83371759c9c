// Capture events: what the background's webRequest listeners hand to the core, browser-neutral and plain.
// The shell converts Chromium / Firefox details into these; recorded streams of them are test fixtures.

import type { TokenSummary } from '../decode/token/summary';

export type BrowserFamily = 'chromium' | 'firefox';

/** Who made the requests: a browser, or this computer's curl running the handshake for `authscope probe` (which,
 *  like Firefox, shows every leg). */
export type Client = BrowserFamily | 'curl';

/** One HTTP header as webRequest reports it. */
export interface Header {
  readonly name: string;
  readonly value?: string;
  /** With "Keep raw tokens" off, the decoded summaries of the tokens this auth header carried, aligned with its
   *  schemes (null for a scheme without one); the value then holds the schemes alone (sanitize.ts). */
  readonly tokenSummaries?: readonly (TokenSummary | null)[];
}

/** What capture dropped from an event (sanitize.ts), said on the exchange. */
interface Noted {
  readonly notes?: readonly string[];
}

interface RequestIdentity {
  readonly requestId: string;
  readonly url: string;
  readonly method: string;
  readonly resourceType: string;
  readonly tabId: number;
  readonly frameId: number;
  readonly initiator: string | null;
  readonly time: number;
}

/** onSendHeaders: the request headers of one leg as sent. */
export interface RequestHeadersEvent extends RequestIdentity, Noted {
  readonly type: 'request-headers';
  readonly headers: readonly Header[];
  /** Size of the request head as sent, counted before the headers capture does not keep were dropped. */
  readonly headBytes?: number;
}

/** onHeadersReceived: the response headers of one leg. */
export interface ResponseHeadersEvent extends RequestIdentity, Noted {
  readonly type: 'response-headers';
  readonly statusCode: number;
  readonly statusLine: string;
  readonly headers: readonly Header[];
  /** headersFingerprint of every header as received, before the ones capture does not keep were dropped. */
  readonly fingerprint?: number;
}

/** onAuthRequired: the browser needs credentials it cannot supply itself (a prompt). */
export interface AuthRequiredEvent {
  readonly type: 'auth-required';
  readonly requestId: string;
  readonly time: number;
  readonly scheme: string;
  readonly realm: string | null;
  readonly challenger: { readonly host: string; readonly port: number };
  readonly isProxy: boolean;
}

export interface RedirectEvent {
  readonly type: 'redirect';
  readonly requestId: string;
  readonly time: number;
  readonly statusCode: number;
  readonly redirectUrl: string;
}

/** onCompleted: the final response. Chromium reports the final response's headers only here (docs/platform-notes.md). */
export interface CompletedEvent extends Partial<Omit<RequestIdentity, 'requestId' | 'time'>>, Noted {
  readonly type: 'completed';
  readonly requestId: string;
  readonly time: number;
  readonly statusCode: number;
  readonly statusLine?: string;
  readonly headers?: readonly Header[];
  readonly fingerprint?: number;
  /** Seen by Chromium's cheap listeners (no "extraHeaders"): AuthScope was not watching the site fully, so the
   *  final response is all there is of this request. */
  readonly finalResponseOnly?: boolean;
}

export interface ErrorEvent {
  readonly type: 'error';
  readonly requestId: string;
  readonly time: number;
  readonly error: string;
}

export type CaptureEvent = RequestHeadersEvent | ResponseHeadersEvent | AuthRequiredEvent | RedirectEvent | CompletedEvent | ErrorEvent;

/** Value of the first header with this (lower-case) name. */
export function headerValue(headers: readonly Header[], name: string): string | null {
  for (const header of headers) if (header.name.length === name.length && header.name.toLowerCase() === name) return header.value ?? '';
  return null;
}

/** Every header with this (lower-case) name. */
export function headersNamed(headers: readonly Header[], name: string): Header[] {
  return headers.filter((header) => header.name.length === name.length && header.name.toLowerCase() === name);
}

/** Values of every header with this (lower-case) name; Firefox joins repeats with "\n" inside one value. */
export function headerValues(headers: readonly Header[], name: string): string[] {
  const values: string[] = [];
  for (const header of headers) {
    if (header.name.length === name.length && header.name.toLowerCase() === name) values.push(...(header.value ?? '').split('\n'));
  }
  return values;
}

/**
 * Size in bytes of the request head as it goes on the wire (request line, headers, blank line): the "request
 * size" of “Troubleshoot Kerberos failures in Internet Explorer” (> 2,000 bytes suggests a Kerberos ticket, < 1,400 NTLM). HTTP/1.1 framing assumed.
 */
export function requestHeadBytes(method: string, url: string, headers: readonly Header[]): number {
  let path = '/';
  try {
    const parsed = new URL(url);
    path = parsed.pathname + parsed.search;
  } catch {
    path = url;
  }
  let bytes = method.length + 1 + path.length + ' HTTP/1.1\r\n'.length + 2;
  const hasHost = headerValue(headers, 'host') !== null;
  if (!hasHost) {
    try {
      bytes += 'Host: '.length + new URL(url).host.length + 2;
    } catch {
      // An unparsable URL has no host to count.
    }
  }
  for (const header of headers) bytes += header.name.length + 2 + (header.value ?? '').length + 2;
  return bytes;
}

/** A 32-bit FNV-1a hash of the header lines: tells two reports of one response from two responses. */
export function headersFingerprint(statusCode: number, headers: readonly Header[]): number {
  let hash = 0x811c9dc5 ^ statusCode;
  for (const header of headers) {
    const line = `${header.name.toLowerCase()}:${header.value ?? ''}\n`;
    for (let index = 0; index < line.length; index++) hash = Math.imul(hash ^ line.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}
