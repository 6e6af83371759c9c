// Pieces the advice of several rules share. Advice loads only where findings are read (panel, CLI, reports),
// never in the service worker: see Verdict in ../finding.
import type { Exchange } from '../../exchange/model';
import { missingLegs } from '../evidence';
import type { Advice, Fix } from '../finding';
import type { Source } from './sources';

/** Advice with no fixes and nothing missing unless given. */
export function advice(
  explanation: string,
  rest: {
    readonly fixes?: readonly Fix[];
    readonly missing?: string | null;
    readonly sources?: readonly Source[];
    readonly next?: string;
  } = {},
): Advice {
  return {
    explanation,
    fixes: rest.fixes ?? [],
    missing: rest.missing ?? null,
    sources: rest.sources ?? [],
    ...(rest.next ? { next: rest.next } : {}),
  };
}

/** A site AuthScope was not yet watching fully in Chromium: why only the final response is there, and how to see more. */
export const FINAL_RESPONSE_ONLY_NOTE =
  'AuthScope was not yet watching this site fully, so Chromium showed it only the final response (Chromium charges every page for the ' +
  'listeners that show authentication headers, so AuthScope watches fully only where Windows authentication lives). It learns the ' +
  'site from a response like this one: reload to see the first 401 and the final response, or add the site to Settings → ' +
  '"Intranet sites". The requests carrying the browser\'s own tokens stay hidden from extensions: record a NetLog ' +
  '(chrome://net-export or edge://net-export) to see them.';

/** Where the browser hid the legs that carry its own tokens: what is missing and how to see it. */
export function hiddenLegsNote(exchange: Exchange): string | null {
  const missing = missingLegs(exchange);
  if (!missing) return null;
  if (missing === 'final-response-only') return FINAL_RESPONSE_ONLY_NOTE;
  return (
    'Chromium does not show extensions the requests that carry its own tokens, nor the 401s in between. Record a NetLog ' +
    '(chrome://net-export or edge://net-export, the default "strip private information" mode is enough) while reproducing, ' +
    'and open it in AuthScope: it shows every leg, the token sizes, the SPN asked for and the GSSAPI/SSPI result.'
  );
}
