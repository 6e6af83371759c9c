// The exchange model: one exchange per request (requestId), across auth restarts and redirects, with its legs.
// Built by capture.ts from capture events; the same shape will come from NetLog and HAR import.
import type { AuthSchemeKind } from '../decode/http/auth-header';
import type { TokenSummary } from '../decode/token/summary';
import type { Client } from './events';

export type { TokenSummary };

/** One fact a finding or an inference rests on, pointing at where it was read. Never a raw token. */
export interface Evidence {
  /** Leg index in the exchange (0 = first request / response), or null for the exchange as a whole. */
  readonly leg: number | null;
  readonly source: 'request' | 'response' | 'token' | 'prompt' | 'error' | 'netlog' | 'browser' | 'log' | 'summary' | 'this computer';
  /** Header, token field or event name, e.g. "WWW-Authenticate", "AP-REQ sname", "AUTH_HANDLER_CREATE_RESULT". */
  readonly name: string;
  readonly value: string;
}

/** A challenge offered (WWW-Authenticate / Proxy-Authenticate) or credentials sent (Authorization). */
export interface AuthItem {
  readonly scheme: string;
  readonly kind: AuthSchemeKind;
  /** The raw token; dropped when the user chose not to keep raw tokens. Credential-like: never exported raw. */
  readonly token: string | null;
  readonly summary: TokenSummary | null;
  /** Characters the source removed in place of the token and kept only as a count: a Default-mode NetLog's
   *  "[1026 bytes were stripped]" (the whole Authorization value; the challenge's parameters). */
  readonly strippedLength?: number | null;
}

export interface LegRequest {
  readonly time: number | null;
  /** Authorization / Proxy-Authorization sent on this leg; null when none. */
  readonly credentials: AuthItem | null;
  readonly proxyCredentials: AuthItem | null;
  /** Request head size when the browser showed the headers; null when it did not. */
  readonly headBytes: number | null;
  /** True when the browser reported this leg's request headers; false when we only know it had none of ours. */
  readonly visible: boolean;
}

export interface LegResponse {
  readonly time: number;
  readonly status: number;
  readonly statusLine: string;
  readonly challenges: readonly AuthItem[];
  readonly proxyChallenges: readonly AuthItem[];
  readonly server: string | null;
  /** The server's clock (Date, RFC 9110 §6.6.1), for clock skew; absent in exchanges stored before it was read. */
  readonly date?: string | null;
  readonly persistentAuth: string | null;
  readonly connection: string | null;
  /** Headers that show a proxy in the path (Via, Proxy-Connection, Proxy-Support). */
  readonly proxyHints: readonly string[];
  /** Hash of the status and headers, to recognise the same response reported twice. */
  readonly fingerprint: number;
}

/** One request / response round of the handshake. A null request means the browser hid it (Chromium). */
export interface Leg {
  readonly request: LegRequest | null;
  readonly response: LegResponse | null;
}

export interface AuthPrompt {
  readonly time: number;
  readonly scheme: string;
  readonly realm: string | null;
  readonly challenger: string;
  readonly isProxy: boolean;
}

/** One auth-library event a NetLog recorded for the exchange (AUTH_HANDLER_CREATE_RESULT, AUTH_LIBRARY_*). */
export interface AuthLibraryEvent {
  readonly event: string;
  /** The event's parameters as text, e.g. "major: GSS_S_FAILURE; minor: Server not found in Kerberos database". */
  readonly detail: string;
}

/** One auth handler the browser created for a challenge (NetLog AUTH_HANDLER_CREATE_RESULT), in order. */
export interface AuthHandlerFact {
  /** "negotiate", "ntlm", "basic", … as Chromium names it. */
  readonly scheme: string;
  /** The handler could not be created (e.g. net::ERR_INVALID_AUTH_CREDENTIALS when not allowlisted). */
  readonly netError: string | null;
}

/** One security context the browser's auth library reported (NetLog AUTH_LIBRARY_INIT_SEC_CTX), in order. */
export interface SecurityContextFact {
  /** The context's mechanism: a GSS-API OID (dotted) on POSIX, an SSPI package name on Windows. */
  readonly mechanism: string | null;
  /** GSS-API name type of the initiator's credential (dotted OID): a Kerberos principal name means a ticket. */
  readonly sourceNameType: string | null;
  /** The library failed: its message ("Server … not found in Kerberos database", an SSPI status). */
  readonly error: string | null;
}

/** What the browser's own auth code reported: only a NetLog carries it, live capture never does. */
export interface AuthLibraryFacts {
  /** AUTH_HANDLER_CREATE_RESULT allows_default_credentials: may the browser use the logged-on user's credentials here. */
  readonly allowsDefaultCredentials: boolean | null;
  /** The SPN the browser asked its Kerberos library for. */
  readonly spn: string | null;
  /** Whether the browser asked for delegation (GSS_C_DELEG_FLAG / ISC_REQ_DELEGATE in the context flags). */
  readonly delegationRequested: boolean | null;
  readonly events: readonly AuthLibraryEvent[];
  /** Handlers in the order the browser created them (absent in files read before this field existed). */
  readonly handlers?: readonly AuthHandlerFact[];
  readonly contexts?: readonly SecurityContextFact[];
}

export interface Exchange {
  /** `${browser}:${requestId}` */
  readonly id: string;
  readonly requestId: string;
  readonly browser: Client;
  readonly url: string;
  readonly origin: string;
  readonly method: string;
  readonly resourceType: string;
  readonly tabId: number;
  readonly frameId: number;
  readonly initiator: string | null;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly legs: readonly Leg[];
  /** Chromium hides the legs that carry the browser's own tokens; true when such legs happened here. */
  readonly hiddenLegs: boolean;
  readonly prompts: readonly AuthPrompt[];
  readonly redirects: readonly { readonly time: number; readonly status: number; readonly to: string }[];
  readonly error: string | null;
  readonly finalStatus: number | null;
  /** Credentials on the first leg, before any challenge from this origin (KB2749007 pattern). */
  readonly preAuthenticated: boolean;
  readonly done: boolean;
  /** Private (Incognito / InPrivate) window, when the browser says (Firefox webRequest `incognito`). */
  readonly incognito?: boolean | null;
  /** IIS substatus (401.1 …) when a status page or log line gave it. */
  readonly iisSubstatus?: number | null;
  /** Seen by Chromium's cheap listeners only: AuthScope was not yet watching the site fully, so Chromium showed it
   *  the final response alone (issue 19's two tiers). */
  readonly finalResponseOnly?: boolean;
  /** Kept from the panel's own listeners because the background's worker missed its events (Chromium stops). */
  readonly recoveredByPanel?: boolean;
  /** The browser's auth-library events, from a NetLog. */
  readonly authLibrary?: AuthLibraryFacts | null;
  /** NetLog events showing the request refused over HTTP/2 and sent again over HTTP/1.1 (connection-based
   *  authentication cannot run over a multiplexed connection); absent or empty when none. */
  readonly http11Retry?: readonly AuthLibraryEvent[];
  /** What capture did not keep, in words (a hostile header cut, raw tokens dropped to fit the store). */
  readonly truncated?: readonly string[];
  /** Legs dropped from the middle of a very long exchange (a loop): the first and the latest are kept. */
  readonly droppedLegs?: number;
}
