// Bounds on what capture keeps of one exchange, so a hostile server or page (a 250 KB WWW-Authenticate with
// 32,000 schemes, a 50,000-leg loop) cannot grow storage without limit or push other tabs' evidence out. What is
// dropped is said on the exchange (`truncated`), never silently.
import type { Exchange, Leg } from './model';
import { withoutRawTokens } from './raw-tokens';

/** Longest token kept: Windows' MaxTokenSize is 48,000 bytes (64,000 base64 characters), http.sys's largest header
 *  field 65,534 bytes (Microsoft, "HTTP 400 Bad Request (Request Header too long) responses to HTTP requests"). */
export const MAX_TOKEN_CHARS = 65_536;
/** Most challenges kept from one response (servers offer two or three: Negotiate, NTLM, Basic). */
export const MAX_CHALLENGES = 16;
/** Most legs kept per exchange: Chromium gives up a loop after ~32 legs (net::ERR_TOO_MANY_RETRIES). */
export const MAX_LEGS = 64;
/** Legs kept at the start when the middle of a long exchange is dropped (the challenge and the first answers). */
export const KEPT_FIRST_LEGS = 8;
export const MAX_PROMPTS = 32;
export const MAX_REDIRECTS = 20;
export const MAX_URL_CHARS = 8_192;
/** Largest exchange stored (JSON characters): the whole session store holds 1.75 MB. */
export const MAX_EXCHANGE_JSON_CHARS = 96 * 1024;

/** The exchange with a note of what was dropped (each note once). */
export function noted(exchange: Exchange, note: string): Exchange {
  const notes = exchange.truncated ?? [];
  return notes.includes(note) ? exchange : { ...exchange, truncated: [...notes, note] };
}

/**
 * Appends a leg; past MAX_LEGS the oldest leg after the first KEPT_FIRST_LEGS goes, so the challenge, the first
 * answers and the latest legs stay. Bounded work per leg, whatever the exchange's length.
 */
export function withLeg(exchange: Exchange, leg: Leg): Exchange {
  if (exchange.legs.length < MAX_LEGS) return { ...exchange, legs: [...exchange.legs, leg] };
  const legs = [...exchange.legs.slice(0, KEPT_FIRST_LEGS), ...exchange.legs.slice(KEPT_FIRST_LEGS + 1), leg];
  const dropped = (exchange.droppedLegs ?? 0) + 1;
  return { ...exchange, legs, droppedLegs: dropped };
}

/** "…" plus a note when a URL is longer than kept. */
export function boundedUrl(url: string): { readonly url: string; readonly cut: boolean } {
  return url.length <= MAX_URL_CHARS ? { url, cut: false } : { url: `${url.slice(0, MAX_URL_CHARS)}…`, cut: true };
}

/**
 * Shrinks an exchange whose JSON is larger than the store accepts for one exchange: raw tokens go first (their
 * summaries stay), then legs from the middle. Returns it unchanged when it fits.
 */
export function fitForStorage(exchange: Exchange, maxChars = MAX_EXCHANGE_JSON_CHARS): Exchange {
  if (JSON.stringify(exchange).length <= maxChars) return exchange;
  let fitted = noted(withoutRawTokens(exchange), `raw tokens dropped: the exchange was larger than ${Math.round(maxChars / 1024)} KB`);
  while (JSON.stringify(fitted).length > maxChars && fitted.legs.length > KEPT_FIRST_LEGS + 1) {
    const drop = Math.max(1, Math.floor((fitted.legs.length - KEPT_FIRST_LEGS - 1) / 2));
    fitted = {
      ...fitted,
      legs: [...fitted.legs.slice(0, KEPT_FIRST_LEGS), ...fitted.legs.slice(KEPT_FIRST_LEGS + drop)],
      droppedLegs: (fitted.droppedLegs ?? 0) + drop,
    };
  }
  if (JSON.stringify(fitted).length > maxChars) {
    fitted = noted(
      {
        ...fitted,
        legs: fitted.legs.map((leg) => ({
          ...leg,
          response: leg.response && {
            ...leg.response,
            challenges: leg.response.challenges.slice(0, 2),
            proxyChallenges: leg.response.proxyChallenges.slice(0, 2),
          },
        })),
      },
      'challenges beyond the first two per response dropped to fit the store',
    );
  }
  return fitted;
}

/** What capture did not keep of an exchange, in words (empty when it kept everything). */
export function notKept(exchange: Exchange): string[] {
  const dropped = exchange.droppedLegs
    ? [`${exchange.droppedLegs} legs from the middle of this exchange were dropped (the first ${KEPT_FIRST_LEGS} and the latest are kept)`]
    : [];
  return [...(exchange.truncated ?? []), ...dropped];
}

/** Times from files can be anything: one that is not a finite number counts as 0 (unknown) rather than poisoning
 *  sorts and dates. */
export const finiteTime = (time: number): number => (Number.isFinite(time) ? time : 0);
