// Which kind of server answered, read from its Server headers: the fixes differ (setspn and appcmd on IIS; the
// keytab and the module's configuration on Apache or nginx).
import type { Exchange } from './model';

export type ServerKind = 'iis' | 'apache' | 'nginx' | 'other';

export interface ServerIdentity {
  readonly kind: ServerKind;
  /** The Server header as sent, e.g. "Apache/2.4.71 (Debian) mod_auth_gssapi/1.6.4". */
  readonly header: string;
  /** The authentication module it names, when it names one (mod_auth_gssapi, mod_auth_kerb). */
  readonly module: string | null;
}

/** The server identity the responses give; null when none named itself. */
export function serverOf(exchange: Exchange): ServerIdentity | null {
  const header = exchange.legs.map((leg) => leg.response?.server).find((value): value is string => Boolean(value)) ?? null;
  if (header === null) return null;
  // http.sys answers with Microsoft-HTTPAPI/2.0 before IIS sees the request (kernel-mode authentication).
  const kind: ServerKind = /Microsoft-(IIS|HTTPAPI)/i.test(header)
    ? 'iis'
    : /Apache|mod_auth_(gssapi|kerb)/i.test(header)
      ? 'apache'
      : /nginx/i.test(header)
        ? 'nginx'
        : 'other';
  const module = /mod_auth_(gssapi|kerb)/i.exec(header)?.[0] ?? null;
  return { kind, header, module };
}
