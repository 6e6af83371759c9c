// Pieces the advice of several rules share. Advice loads only where findings are read (panel, CLI, reports),
// never in the service worker: see Verdict in ../finding.
import type { Exchange } from '../../exchange/model';
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

/** Where the browser hid the legs that carry its own tokens: what is missing and how to see it. */
export function hiddenLegsNote(exchange: Exchange): string | null {
  if (!exchange.hiddenLegs) return null;
  return (
    'Chromium does not show extensions the requests that carry its own tokens, nor the 401s in between. Record a NetLog ' +
    '(chrome://net-export or edge://net-export, the default "strip private information" mode is enough) while reproducing, ' +
    'and open it in AuthScope: it shows every leg, the token sizes, the SPN asked for and the GSSAPI/SSPI result.'
  );
}
