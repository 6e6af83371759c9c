// The AuthScope lab: a real Windows-authentication intranet on 127.0.0.1 — MIT KDC, Apache + mod_auth_gssapi,
// and the IIS-like NTLM server, over HTTP and HTTPS (a throwaway lab CA) — with one URL per scenario, and the
// browser settings that trust it. Reused by the E2E tests, the recorder and the demo.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApache, type Apache } from './apache';
import { ensureLabHosts } from './hosts';
import { type Kdc, startKdc } from './kdc';
import { NTLM_SERVER_PATHS, NtlmServer } from './ntlm-server';
import { LAB_CA_ENV, type LabTls, createLabTls } from './tls';

/** Stable scenario ids: the panel, diagnosis and import issues extend this list. */
export type ScenarioId =
  | 'kerberos-ok'
  | 'spn-unknown'
  | 'no-ticket'
  | 'not-allowlisted'
  | 'stale-keytab'
  | 'token-too-large'
  | 'ntlm-only'
  | 'ntlm-fallback'
  | 'preauth-first-request'
  | 'auth-loop'
  /** The NTLM-only IIS-like server over HTTPS: the channel binding (Extended Protection) each browser sends. */
  | 'ntlm-https'
  /** Apache + mod_auth_gssapi over HTTPS offering HTTP/2: Negotiate meets a protocol without connection auth. */
  | 'negotiate-h2';

/** The request to look at in a scenario whose page itself is not the authenticated request. */
export function scenarioRequestUrl(id: ScenarioId, pageUrl: string): string {
  return id === 'preauth-first-request' ? new URL(`${NTLM_SERVER_PATHS.kernelMode}api`, pageUrl).href : pageUrl;
}

export const LAB_HOSTS = {
  intranet: 'intranet.lab.test',
  nospn: 'nospn.lab.test',
  stale: 'stale.lab.test',
  bloat: 'bloat.lab.test',
  legacy: 'legacy.lab.test',
  untrusted: 'web.corp.example',
  /** Reached only through the lab's authenticating proxy. */
  proxied: 'proxied.lab.test',
  /** HTTPS, NTLM (the server certificate's subjectAltName names both HTTPS hosts). */
  secure: 'secure.lab.test',
  /** HTTPS with HTTP/2, Negotiate (Kerberos). */
  h2: 'h2.lab.test',
} as const;

/** The hosts whose servers ask for NTLM: on Linux the browsers prompt for it, so a visit must answer the prompt. */
const NTLM_HOSTS: readonly string[] = [LAB_HOSTS.legacy, LAB_HOSTS.secure];

/** True when visiting `url` meets an NTLM prompt that the lab user must answer (docs/platform-notes.md). */
export const promptsForNtlm = (url: string): boolean => NTLM_HOSTS.includes(new URL(url).hostname);

/** The account that answers credential prompts in the lab (the NTLM server and the KDC know it). */
export { LAB_PASSWORD as LAB_PASSWORD_FOR_PROMPTS, LAB_USER as LAB_USER_FOR_PROMPTS } from './kdc';

/** Chromium's allowlist for ambient credentials (docs/platform-notes.md: without it Negotiate is never attempted). */
export const CHROMIUM_AUTH_ARGS = ['--auth-server-allowlist=*.lab.test'];

/** Firefox prefs that trust the lab for Negotiate and NTLM. */
export const FIREFOX_AUTH_PREFS = {
  'network.negotiate-auth.trusted-uris': '.lab.test',
  'network.automatic-ntlm-auth.trusted-uris': '.lab.test',
} as const;

export interface Lab {
  readonly urls: Readonly<Record<ScenarioId, string>>;
  /**
   * Environment for a browser that holds the user's Kerberos ticket. It also names the lab CA (AUTHSCOPE_LAB_CA),
   * which tools/browsers/launch.ts puts in the browser's NSS database: HTTPS is trusted for real.
   */
  readonly browserEnv: Readonly<Record<string, string>>;
  /** Environment for a browser without any Kerberos ticket (the lab CA trusted all the same). */
  readonly browserEnvWithoutTicket: Readonly<Record<string, string>>;
  /** The throwaway CA and the HTTPS server certificate (files in a temporary directory removed at stop). */
  readonly tls: LabTls;
  readonly kdc: Kdc;
  readonly apache: Apache;
  readonly ntlm: NtlmServer;
  /** The kernel-mode (KB2749007) application, on its own origin. */
  readonly kernel: NtlmServer;
  /** The NTLM server over HTTPS (ntlm-https); its log records each AUTHENTICATE's channel binding. */
  readonly secure: NtlmServer;
  /** An NTLM-authenticating forward proxy (407) and a URL to fetch through it. */
  readonly proxy: { readonly server: NtlmServer; readonly port: number; readonly url: string };
  stop(): Promise<void>;
}

/** Starts everything; on failure stops what was already started. */
export async function startLab(): Promise<Lab> {
  ensureLabHosts(Object.values(LAB_HOSTS));
  const stops: (() => Promise<void>)[] = [];
  try {
    const tlsDir = mkdtempSync(join(tmpdir(), 'authscope-tls-'));
    stops.push(async () => rmSync(tlsDir, { recursive: true, force: true }));
    const tls = await createLabTls(tlsDir, [LAB_HOSTS.secure, LAB_HOSTS.h2]);
    const kdc = await startKdc({
      serviceHosts: [LAB_HOSTS.intranet, LAB_HOSTS.stale, LAB_HOSTS.bloat, LAB_HOSTS.h2],
      staleHosts: [LAB_HOSTS.stale],
    });
    stops.push(() => kdc.stop());
    const intranetKeytab = kdc.keytab(LAB_HOSTS.intranet);
    const apache = await startApache(
      [
        { name: 'intranet', host: LAB_HOSTS.intranet, keytab: intranetKeytab },
        { name: 'nospn', host: LAB_HOSTS.nospn, keytab: intranetKeytab },
        { name: 'stale', host: LAB_HOSTS.stale, keytab: kdc.keytab(LAB_HOSTS.stale) },
        // An AP-REQ in base64 is over 1,000 bytes; 400 bytes stands in for http.sys MaxFieldLength.
        { name: 'bloat', host: LAB_HOSTS.bloat, keytab: kdc.keytab(LAB_HOSTS.bloat), limitRequestFieldSize: 400 },
        { name: 'untrusted', host: LAB_HOSTS.untrusted, keytab: intranetKeytab },
        {
          name: 'h2',
          host: LAB_HOSTS.h2,
          keytab: kdc.keytab(LAB_HOSTS.h2),
          tls: { certificate: tls.certificate, key: tls.key, ca: tls.caCertificate },
        },
      ],
      kdc.env,
    );
    stops.push(() => apache.stop());
    const ntlm = new NtlmServer();
    const ntlmPort = await ntlm.start();
    stops.push(() => ntlm.stop());
    // Its own origin: "first request to this origin" must not be spoiled by the other NTLM scenarios.
    const kernel = new NtlmServer();
    const kernelPort = await kernel.start();
    stops.push(() => kernel.stop());
    const proxy = new NtlmServer();
    const proxyPort = await proxy.start();
    stops.push(() => proxy.stop());
    const secure = new NtlmServer({ tls: { certificate: readFileSync(tls.certificate, 'utf8'), key: readFileSync(tls.key, 'utf8') } });
    const securePort = await secure.start();
    stops.push(() => secure.stop());
    const site = (host: string, port: number | undefined, path = '/') => `http://${host}:${port}${path}`;
    const https = (host: string, port: number | undefined, path = '/') => `https://${host}:${port}${path}`;
    const legacy = (path: string) => site(LAB_HOSTS.legacy, ntlmPort, path);
    const urls: Record<ScenarioId, string> = {
      'kerberos-ok': site(LAB_HOSTS.intranet, apache.ports['intranet']),
      'spn-unknown': site(LAB_HOSTS.nospn, apache.ports['nospn']),
      'no-ticket': site(LAB_HOSTS.intranet, apache.ports['intranet']),
      'not-allowlisted': site(LAB_HOSTS.untrusted, apache.ports['untrusted']),
      'stale-keytab': site(LAB_HOSTS.stale, apache.ports['stale']),
      'token-too-large': site(LAB_HOSTS.bloat, apache.ports['bloat']),
      'ntlm-only': legacy(NTLM_SERVER_PATHS.ntlmOnly),
      'ntlm-fallback': legacy(NTLM_SERVER_PATHS.iis),
      'preauth-first-request': site(LAB_HOSTS.legacy, kernelPort, `${NTLM_SERVER_PATHS.public}preauth.html`),
      'auth-loop': legacy(NTLM_SERVER_PATHS.loop),
      'ntlm-https': https(LAB_HOSTS.secure, securePort, NTLM_SERVER_PATHS.ntlmOnly),
      'negotiate-h2': https(LAB_HOSTS.h2, apache.ports['h2']),
    };
    const krb5Config = kdc.env['KRB5_CONFIG'] as string;
    return {
      urls,
      browserEnv: { KRB5_CONFIG: krb5Config, KRB5CCNAME: kdc.env['KRB5CCNAME'] as string, [LAB_CA_ENV]: tls.caCertificate },
      browserEnvWithoutTicket: { KRB5_CONFIG: krb5Config, KRB5CCNAME: kdc.emptyCcache, [LAB_CA_ENV]: tls.caCertificate },
      tls,
      kdc,
      apache,
      ntlm,
      kernel,
      secure,
      proxy: { server: proxy, port: proxyPort, url: `http://${LAB_HOSTS.proxied}/` },
      async stop() {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}
