// Advice for persistent-auth (rules/persistent-auth.ts).
import type { Adviser } from '../finding';
import { throughProxy } from '../rules/persistent-auth';
import { advice } from './common';

export const persistentAuthAdvice: Adviser = (_verdict, { exchange }) => {
  const value = exchange.legs.find((leg) => leg.response?.persistentAuth != null)?.response?.persistentAuth ?? '';
  return advice(
    (value.trim().toLowerCase() === 'true'
      ? 'The server keeps this connection authenticated: later requests on it are not challenged again. '
      : 'The server authenticates each request (request-based Kerberos, no connection reuse of the logon). ') +
      'NTLM always authenticates the connection; a proxy or load balancer that sends the next request over another ' +
      'connection makes the server answer 401.2 and the browser loops (“HOWTO: Diagnose 401.x HTTP errors on IIS”).',
    {
      fixes: throughProxy(exchange)
        ? [{ text: 'Make the proxy keep client and server connections paired (connection pinning), or use Kerberos.' }]
        : [],
    },
  );
};
