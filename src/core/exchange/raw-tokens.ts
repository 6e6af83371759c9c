// Raw tokens are credentials (Kerberos tickets, NTLM responses): when the user turns "keep raw tokens" off, the
// ones already captured go too, and only the decoded summaries stay.
import type { AuthItem, Exchange, Leg } from './model';

const withoutToken = (item: AuthItem): AuthItem => (item.token === null ? item : { ...item, token: null });
const withoutTokenOrNull = (item: AuthItem | null): AuthItem | null => (item === null ? null : withoutToken(item));

function legWithoutRawTokens(leg: Leg): Leg {
  return {
    request: leg.request && {
      ...leg.request,
      credentials: withoutTokenOrNull(leg.request.credentials),
      proxyCredentials: withoutTokenOrNull(leg.request.proxyCredentials),
    },
    response: leg.response && {
      ...leg.response,
      challenges: leg.response.challenges.map(withoutToken),
      proxyChallenges: leg.response.proxyChallenges.map(withoutToken),
    },
  };
}

export function hasRawTokens(exchange: Exchange): boolean {
  return exchange.legs.some(
    (leg) =>
      (leg.request?.credentials?.token ?? leg.request?.proxyCredentials?.token ?? null) !== null ||
      (leg.response?.challenges.some((item) => item.token !== null) ?? false) ||
      (leg.response?.proxyChallenges.some((item) => item.token !== null) ?? false),
  );
}

/** The exchange with every raw token removed (the same object when it had none). */
export function withoutRawTokens(exchange: Exchange): Exchange {
  return hasRawTokens(exchange) ? { ...exchange, legs: exchange.legs.map(legWithoutRawTokens) } : exchange;
}
