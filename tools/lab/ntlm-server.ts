// An IIS-like Windows-authentication server for the lab and the demo: NTLM with real NTLMv2 verification
// (MS-NLMP §3.3.2), http.sys-style challenges (Server: Microsoft-HTTPAPI/2.0), Persistent-Auth, and the failure
// paths the diagnoses need: kernel-mode 401.1 to a pre-authenticated first request (KB2749007), a 401 loop,
// a Kerberos-refusing Negotiate that forces NTLM, and a 400 for an oversized Authorization header. Over HTTPS
// (`tls`) it logs the channel binding each AUTHENTICATE carried (Extended Protection, MS-NLMP §3.1.5.1.2).
import { createHmac, randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { type Server as HttpsServer, createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { parseCredentials } from '../../src/core/decode/http/auth-header';
import type { NtlmTargetInfo } from '../../src/core/decode/ntlm/decode';
import { decodeToken } from '../../src/core/decode/token/decode';
import { md4 } from './md4';
import { tlsServerEndPointBindings } from './tls';

/** Accounts the server accepts, user name (case-insensitive) → password. */
export type Accounts = Readonly<Record<string, string>>;

export interface NtlmServerOptions {
  readonly port?: number;
  readonly accounts?: Accounts;
  /** NetBIOS / DNS names the CHALLENGE announces. */
  readonly netbiosDomain?: string;
  readonly dnsDomain?: string;
  readonly computer?: string;
  /** Longest Authorization header accepted before answering 400 (http.sys MaxFieldLength stand-in). */
  readonly maxAuthorizationLength?: number;
  /** Serve HTTPS (HTTP/1.1 only, as http.sys does for Windows authentication) with this certificate and key (PEM). */
  readonly tls?: { readonly certificate: string; readonly key: string };
}

/**
 * What an NTLM AUTHENTICATE carried as MsvAvChannelBindings in its NTLMv2 response (MS-NLMP §2.2.2.1): no such AV
 * pair, 16 zero bytes (a client that knows of no channel), or a hash — and whether that hash is the one for this
 * server's certificate (RFC 5929 tls-server-end-point; null when the server is not on HTTPS).
 */
export interface ChannelBindingsSeen {
  readonly state: 'absent' | 'zero' | 'hash';
  /** The 16 bytes, hex; null when absent. */
  readonly value: string | null;
  /** For a hash over HTTPS: equal to MD5(gss_channel_bindings_struct("tls-server-end-point:" + SHA-256(cert))). */
  readonly matches: boolean | null;
  /** The value a client binding to this server's TLS channel sends; null over plain HTTP. */
  readonly expected: string | null;
  /** MsvAvTargetName, the SPN the client named (service binding, MS-NLMP §3.1.5.1.2); null when absent. */
  readonly targetName: string | null;
}

/** One request as the server saw it, for tests to assert on. */
export interface ServerLogEntry {
  readonly path: string;
  readonly scheme: string | null;
  readonly tokenKind: string | null;
  readonly authorizationLength: number;
  readonly status: number;
  readonly user: string | null;
  readonly connection: number;
  /** The TLS protocol version when the request came over HTTPS ("TLSv1.3"), else null. */
  readonly tls: string | null;
  /** On an NTLM AUTHENTICATE leg: the channel binding it carried; null on other legs. */
  readonly channelBindings: ChannelBindingsSeen | null;
}

/** The paths and what each one emulates. */
export const NTLM_SERVER_PATHS = {
  iis: '/iis/',
  ntlmOnly: '/ntlm-only/',
  kernelMode: '/kernel-mode/',
  loop: '/loop/',
  tooLarge: '/too-large/',
  /** Anonymous pages, e.g. the one whose script pre-authenticates its first request. */
  public: '/public/',
} as const;

/** A page whose script sends NTLM credentials before any challenge, as some .NET / ActiveX clients do. */
const PREAUTH_PAGE = `<!doctype html><title>Pre-authenticated request</title>
<p id="result">sending…</p>
<script type="module">
const response = await fetch('${NTLM_SERVER_PATHS.kernelMode}api', { headers: { Authorization: 'NTLM TlRMTVNTUAABAAAAB4IIAAAAAAAgAAAAAAAAACAAAAA=' } });
document.getElementById('result').textContent = String(response.status);
</script>`;

/** A page's own credentials, which AuthScope must never keep: a JWT, a Basic password, a bare API key, cookies. */
export const SITE_SECRETS = {
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsInNlY3JldCI6InMzY3IzdCJ9.c2lnbmF0dXJlLXNlY3JldA',
  basic: 'YWxpY2U6YmFzaWMtcGFzc3dvcmQtczNjcjN0',
  apiKey: 'k3y-0123456789abcdef-s3cr3t',
  cookie: 'session-s3cr3t-cookie',
  setCookie: 'tracking-s3cr3t-set-cookie',
} as const;

/** A page that talks to its API with its own credentials (Bearer, Basic, an API key, cookies) and meets a Basic
 *  challenge: none of it is Windows authentication. */
const SECRETS_PAGE = `<!doctype html><title>Site credentials</title>
<p id="result">sending…</p>
<script type="module">
document.cookie = 'session=${SITE_SECRETS.cookie}; path=/';
const api = '${NTLM_SERVER_PATHS.public}api';
await fetch(api + '?bearer', { headers: { Authorization: 'Bearer ${SITE_SECRETS.jwt}' } });
await fetch(api + '?basic', { headers: { Authorization: 'Basic ${SITE_SECRETS.basic}' } });
await fetch(api + '?key', { headers: { Authorization: '${SITE_SECRETS.apiKey}', 'X-Api-Key': '${SITE_SECRETS.apiKey}' } });
await fetch('${NTLM_SERVER_PATHS.public}basic-challenge');
await fetch('${NTLM_SERVER_PATHS.public}basic-challenge', { headers: { Authorization: 'Basic ${SITE_SECRETS.basic}' } });
document.getElementById('result').textContent = 'done';
</script>`;

interface ConnectionState {
  readonly id: number;
  requests: number;
  /** This connection has carried a 401 challenge (http.sys authenticates per connection). */
  challenged: boolean;
  serverChallenge: Buffer | null;
}

/** Where the server stands: the origin (401, WWW-Authenticate) or a forward proxy (407, Proxy-Authenticate). */
interface Role {
  readonly status: 401 | 407;
  readonly challengeHeader: 'WWW-Authenticate' | 'Proxy-Authenticate';
  readonly credentialsHeader: 'authorization' | 'proxy-authorization';
}
const ORIGIN: Role = { status: 401, challengeHeader: 'WWW-Authenticate', credentialsHeader: 'authorization' };
const PROXY: Role = { status: 407, challengeHeader: 'Proxy-Authenticate', credentialsHeader: 'proxy-authorization' };

const IIS_SERVER = 'Microsoft-IIS/10.0';
const HTTPAPI_SERVER = 'Microsoft-HTTPAPI/2.0';

export class NtlmServer {
  readonly log: ServerLogEntry[] = [];
  private readonly server: Server | HttpsServer;
  private readonly connections = new WeakMap<Socket, ConnectionState>();
  private nextConnection = 1;
  private readonly options: Required<Omit<NtlmServerOptions, 'tls'>>;
  /** What a client bound to this server's TLS channel puts in MsvAvChannelBindings; null over plain HTTP. */
  readonly expectedChannelBindings: string | null;

  constructor(options: NtlmServerOptions = {}) {
    this.options = {
      port: 0,
      accounts: { alice: 'alicepw' },
      netbiosDomain: 'LAB',
      dnsDomain: 'lab.test',
      computer: 'IIS01',
      maxAuthorizationLength: 12_000,
      ...options,
    };
    const handler = (request: IncomingMessage, response: ServerResponse) => this.handle(request, response);
    const tls = options.tls;
    this.expectedChannelBindings = tls ? tlsServerEndPointBindings(tls.certificate).ntlmChannelBindings : null;
    this.server = tls ? createHttpsServer({ cert: tls.certificate, key: tls.key }, handler) : createServer(handler);
    // Over TLS the request's socket is the TLS socket, which 'secureConnection' hands out ('connection' gives the TCP one).
    this.server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) =>
      this.connections.set(socket, {
        id: this.nextConnection++,
        requests: 0,
        challenged: false,
        serverChallenge: null,
      }),
    );
  }

  /** Starts listening on 127.0.0.1; resolves to the port. */
  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(this.options.port, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const state = this.connections.get(request.socket) as ConnectionState;
    state.requests++;
    const path = new URL(request.url ?? '/', 'http://lab').pathname;
    // A request for an absolute URL is addressed to a proxy: answer as an NTLM-authenticating proxy would.
    const role = /^https?:\/\//.test(request.url ?? '') ? PROXY : ORIGIN;
    const authorization = request.headers[role.credentialsHeader] ?? '';
    const credentials = authorization ? parseCredentials(authorization).challenges[0] : undefined;
    const token = credentials?.token68 ? decodeToken(credentials.token68) : null;
    const tokenKind = token?.ok ? token.value.token.kind : token ? 'undecodable' : null;
    const ntlm = token?.ok ? (token.value.token.ntlm ?? token.value.token.spnego?.inner?.ntlm ?? null) : null;
    const record = (status: number, user: string | null = null) =>
      this.log.push({
        path,
        scheme: credentials?.scheme ?? null,
        tokenKind,
        authorizationLength: authorization.length,
        status,
        user,
        connection: state.id,
        tls: 'getProtocol' in request.socket ? (request.socket as TLSSocket).getProtocol() : null,
        channelBindings: ntlm?.messageType === 3 ? this.channelBindingsOf(ntlm.targetInfo) : null,
      });

    if (path === `${NTLM_SERVER_PATHS.public}preauth.html`) {
      record(200);
      return this.reply(response, 200, IIS_SERVER, [], PREAUTH_PAGE);
    }
    if (path === `${NTLM_SERVER_PATHS.public}secrets.html`) {
      record(200);
      return this.reply(response, 200, IIS_SERVER, [['Set-Cookie', `tracking=${SITE_SECRETS.setCookie}; Path=/`]], SECRETS_PAGE);
    }
    if (path === `${NTLM_SERVER_PATHS.public}api`) {
      record(200);
      return this.reply(response, 200, IIS_SERVER, [['Set-Cookie', `tracking=${SITE_SECRETS.setCookie}; Path=/`]], '{"ok":true}');
    }
    if (path === `${NTLM_SERVER_PATHS.public}basic-challenge`) {
      const basic = request.headers.authorization?.startsWith('Basic ');
      record(basic ? 200 : 401);
      return this.reply(
        response,
        basic ? 200 : 401,
        IIS_SERVER,
        basic ? [] : [['WWW-Authenticate', 'Basic realm="lab-api"']],
        basic ? 'ok' : 'no',
      );
    }
    if (path.startsWith(NTLM_SERVER_PATHS.tooLarge) && authorization.length > 0) {
      // Any credential is "too large" here, whatever the browser sends: the demo needs no KDC for this answer.
      record(400);
      return this.reply(
        response,
        400,
        HTTPAPI_SERVER,
        [],
        'Bad Request - Request Too Long (HTTP Error 400. The size of the request headers is too long.)',
      );
    }
    if (authorization.length > this.options.maxAuthorizationLength) {
      record(400);
      return this.reply(response, 400, HTTPAPI_SERVER, [], 'Bad Request - Request Too Long');
    }
    const offered = path.startsWith(NTLM_SERVER_PATHS.ntlmOnly) ? ['NTLM'] : ['Negotiate', 'NTLM'];
    if (!credentials || !token) {
      record(role.status);
      return this.challenge(response, role, offered, 'anonymous request: 401.2 (no credentials)');
    }
    if (path.startsWith(NTLM_SERVER_PATHS.kernelMode) && !state.challenged) {
      // KB2749007: with kernel-mode authentication, http.sys answers 401.1 to credentials sent on a connection
      // before it was ever challenged (the first request to the application).
      record(role.status);
      return this.challenge(response, role, offered, '401.1 logon failed: pre-authenticated request before any challenge (KB2749007)');
    }
    if (!ntlm) {
      // A Kerberos (or unreadable) token: this server has no Kerberos key, like IIS whose SPN sits on another
      // account. Refuse it and offer the schemes again, so the browser falls back to NTLM.
      record(role.status);
      return this.challenge(response, role, offered, '401.1 logon failed: Kerberos token refused');
    }
    const scheme = credentials.kind === 'negotiate' ? 'Negotiate' : 'NTLM';
    if (ntlm.messageType === 1) {
      state.serverChallenge = randomBytes(8);
      state.challenged = true;
      record(role.status);
      return this.reply(
        response,
        role.status,
        HTTPAPI_SERVER,
        [[role.challengeHeader, `${scheme} ${this.challengeMessage(state.serverChallenge, ntlm.flags).toString('base64')}`]],
        '',
      );
    }
    if (ntlm.messageType !== 3 || !state.serverChallenge || !token.ok) {
      record(role.status);
      return this.challenge(response, role, offered, '401.1 logon failed: NTLM message out of order (is a proxy breaking the connection?)');
    }
    const user = verifyNtlmV2(token.value.bytes, state.serverChallenge, this.options.accounts);
    state.serverChallenge = null;
    if (!user || path.startsWith(NTLM_SERVER_PATHS.loop)) {
      record(role.status);
      return this.challenge(
        response,
        role,
        offered,
        user ? '401.1 logon failed: access denied for this path (loop)' : '401.1 logon failed: wrong user name or password',
      );
    }
    record(200, user);
    return this.reply(
      response,
      200,
      IIS_SERVER,
      [['Persistent-Auth', 'true']],
      `<!doctype html><title>Welcome</title><p>Hello ${user} (NTLM)</p>`,
    );
  }

  /** The AUTHENTICATE's MsvAvChannelBindings against this server's certificate. */
  private channelBindingsOf(blob: NtlmTargetInfo | null): ChannelBindingsSeen {
    const value = blob?.channelBindings ?? null;
    const expected = this.expectedChannelBindings;
    const state = value === null ? 'absent' : /^0+$/.test(value) ? 'zero' : 'hash';
    return {
      state,
      value,
      matches: state === 'hash' && expected ? value === expected : null,
      expected,
      targetName: blob?.targetName ?? null,
    };
  }

  private challenge(response: ServerResponse, role: Role, offered: readonly string[], reason: string): void {
    const state = this.connections.get(response.req.socket);
    if (state) state.challenged = true;
    this.reply(
      response,
      role.status,
      IIS_SERVER,
      offered.map((scheme) => [role.challengeHeader, scheme] as [string, string]),
      `<!doctype html><title>${role.status} - ${role === PROXY ? 'Proxy Authentication Required' : 'Unauthorized'}</title><p>${reason}</p>`,
    );
  }

  private reply(response: ServerResponse, status: number, server: string, headers: [string, string][], body: string): void {
    response.writeHead(
      status,
      [
        ['Server', server],
        ['Content-Type', 'text/html; charset=utf-8'],
        ['Content-Length', String(Buffer.byteLength(body))],
        ...headers,
      ].flat(),
    );
    response.end(body);
  }

  /** CHALLENGE_MESSAGE (MS-NLMP §2.2.1.2) answering the client's flags, with TargetInfo and a timestamp. */
  private challengeMessage(serverChallenge: Buffer, clientFlags: number): Buffer {
    const { netbiosDomain, dnsDomain, computer } = this.options;
    const utf16 = (text: string) => Buffer.from(text, 'utf16le');
    const pair = (id: number, value: Buffer) => Buffer.concat([Buffer.from([id, 0, value.length & 0xff, value.length >> 8]), value]);
    const timestamp = Buffer.alloc(8);
    timestamp.writeBigUInt64LE((BigInt(Date.now()) + 11644473600000n) * 10000n);
    const targetInfo = Buffer.concat([
      pair(2, utf16(netbiosDomain)),
      pair(1, utf16(computer)),
      pair(4, utf16(dnsDomain)),
      pair(3, utf16(`${computer.toLowerCase()}.${dnsDomain}`)),
      pair(5, utf16(dnsDomain)),
      pair(7, timestamp),
      pair(0, Buffer.alloc(0)),
    ]);
    const targetName = utf16(netbiosDomain);
    // UNICODE | REQUEST_TARGET | NTLM | ALWAYS_SIGN | TARGET_TYPE_DOMAIN | EXTENDED_SESSIONSECURITY | TARGET_INFO
    // | VERSION, plus what the client asked for among SIGN, SEAL, 128, KEY_EXCH, 56.
    const flags = (0x02898205 | (clientFlags & (0x00000010 | 0x00000020 | 0x20000000 | 0x40000000 | 0x80000000))) >>> 0;
    const header = Buffer.alloc(56);
    header.write('NTLMSSP\0', 0, 'latin1');
    header.writeUInt32LE(2, 8);
    header.writeUInt16LE(targetName.length, 12);
    header.writeUInt16LE(targetName.length, 14);
    header.writeUInt32LE(56, 16);
    header.writeUInt32LE(flags, 20);
    serverChallenge.copy(header, 24);
    header.writeUInt16LE(targetInfo.length, 40);
    header.writeUInt16LE(targetInfo.length, 42);
    header.writeUInt32LE(56 + targetName.length, 44);
    Buffer.from([10, 0, 0x63, 0x45, 0, 0, 0, 15]).copy(header, 48); // Windows Server 2019 (10.0.17763), NTLM revision 15
    return Buffer.concat([header, targetName, targetInfo]);
  }
}

/**
 * NTLMv2 verification, MS-NLMP §3.3.2: NTOWFv2 = HMAC_MD5(MD4(UNICODE(password)), UNICODE(UPPER(user) + domain));
 * NTProofStr = HMAC_MD5(NTOWFv2, serverChallenge + temp), where temp is the NT response after its first 16 bytes.
 * Returns the user name when the AUTHENTICATE_MESSAGE's proof matches a known account.
 */
export function verifyNtlmV2(message: Uint8Array, serverChallenge: Uint8Array, accounts: Accounts): string | null {
  const bytes = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  if (bytes.length < 64) return null;
  const slice = (at: number) => bytes.subarray(bytes.readUInt32LE(at + 4), bytes.readUInt32LE(at + 4) + bytes.readUInt16LE(at));
  const unicode = (bytes.readUInt32LE(60) & 1) !== 0;
  const text = (buffer: Buffer) => buffer.toString(unicode ? 'utf16le' : 'latin1');
  const ntResponse = slice(20);
  const domain = text(slice(28));
  const user = text(slice(36));
  const password = Object.entries(accounts).find(([name]) => name.toLowerCase() === user.toLowerCase())?.[1];
  if (password === undefined || ntResponse.length <= 24) return null;
  const ntHash = md4(new Uint8Array(Buffer.from(password, 'utf16le')));
  const ntowfv2 = createHmac('md5', ntHash)
    .update(Buffer.from(user.toUpperCase() + domain, 'utf16le'))
    .digest();
  const proof = createHmac('md5', ntowfv2)
    .update(Buffer.concat([serverChallenge, ntResponse.subarray(16)]))
    .digest();
  return proof.equals(ntResponse.subarray(0, 16)) ? user : null;
}
