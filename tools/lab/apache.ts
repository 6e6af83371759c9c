// Apache 2.4 + mod_auth_gssapi for the lab: one port per Kerberos scenario, each a virtual host with its own
// keytab and limits, started in the foreground under our control (Debian apache2, libapache2-mod-auth-gssapi);
// a site with `tls` is served over HTTPS (mod_ssl) offering HTTP/2 first (mod_http2, ALPN h2 then http/1.1).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startDaemon, stopDaemon, waitFor } from './processes';

export interface ApacheSite {
  readonly name: string;
  readonly host: string;
  readonly keytab: string;
  /** LimitRequestFieldSize (bytes); a smaller value turns a large Authorization header into a 400. */
  readonly limitRequestFieldSize?: number;
  /** Serve HTTPS with this certificate and key (PEM files), `Protocols h2 http/1.1`; `ca` verifies it at start. */
  readonly tls?: { readonly certificate: string; readonly key: string; readonly ca: string };
}

export interface Apache {
  /** Port of each site, by site name. */
  readonly ports: Readonly<Record<string, number>>;
  readonly errorLog: string;
  /** One line per request: "<site host> <protocol> <status> <method> <path> user=<user or -> port=<client port>". */
  readonly accessLog: string;
  /** The access log's requests to `host`, parsed (the protocol shows whether a leg came over HTTP/2 or HTTP/1.1). */
  requests(host: string): ApacheRequest[];
  stop(): Promise<void>;
}

/** One request as Apache logged it. */
export interface ApacheRequest {
  readonly protocol: string;
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly user: string | null;
  /** The client's port: requests with the same port came over the same connection. */
  readonly clientPort: number;
}

const MODULES = '/usr/lib/apache2/modules';

/** Writes the configuration and starts `apache2 -DFOREGROUND` bound to 127.0.0.1 only. */
export async function startApache(sites: readonly ApacheSite[], krb5Env: Readonly<Record<string, string>>): Promise<Apache> {
  const dir = mkdtempSync(join(tmpdir(), 'authscope-apache-'));
  const root = join(dir, 'www');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Intranet</title><p>Hello from the lab intranet (Kerberos).</p>\n');
  writeFileSync(join(root, 'app.js'), 'document.title = "lab app";\n');
  const ports: Record<string, number> = {};
  const blocks: string[] = [];
  for (const site of sites) {
    const port = await freePort();
    ports[site.name] = port;
    blocks.push(`Listen 127.0.0.1:${port}
<VirtualHost 127.0.0.1:${port}>
  ServerName ${site.host}
  ${site.limitRequestFieldSize ? `LimitRequestFieldSize ${site.limitRequestFieldSize}` : ''}
  ${site.tls ? `SSLEngine on\n  SSLCertificateFile ${site.tls.certificate}\n  SSLCertificateKeyFile ${site.tls.key}\n  Protocols h2 http/1.1` : ''}
  # Every visit is a handshake: without this, Firefox serves a page from its cache while the heuristic freshness of
  # Last-Modified lasts (a tenth of the file's age: six seconds a minute into a run) and sends no request at all.
  Header always set Cache-Control "no-store"
  <Location />
    AuthType GSSAPI
    AuthName "AuthScope lab"
    GssapiCredStore keytab:${site.keytab}
    GssapiAllowedMech krb5
    Require valid-user
  </Location>
</VirtualHost>`);
  }
  const tls = sites.some((site) => site.tls)
    ? `LoadModule socache_shmcb_module ${MODULES}/mod_socache_shmcb.so
LoadModule ssl_module ${MODULES}/mod_ssl.so
LoadModule http2_module ${MODULES}/mod_http2.so
SSLSessionCache shmcb:${join(dir, 'ssl_scache')}(512000)
`
    : '';
  const errorLog = join(dir, 'error.log');
  const accessLog = join(dir, 'access.log');
  const config = join(dir, 'httpd.conf');
  writeFileSync(
    config,
    `ServerRoot /etc/apache2
PidFile ${join(dir, 'httpd.pid')}
DefaultRuntimeDir ${dir}
Mutex file:${dir} default
LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so
LoadModule authn_core_module ${MODULES}/mod_authn_core.so
LoadModule authz_core_module ${MODULES}/mod_authz_core.so
LoadModule authz_user_module ${MODULES}/mod_authz_user.so
LoadModule auth_gssapi_module ${MODULES}/mod_auth_gssapi.so
LoadModule mime_module ${MODULES}/mod_mime.so
LoadModule dir_module ${MODULES}/mod_dir.so
LoadModule headers_module ${MODULES}/mod_headers.so
${tls}TypesConfig /etc/mime.types
DirectoryIndex index.html
ServerName lab.test
ErrorLog ${errorLog}
CustomLog ${accessLog} "%v %H %>s %m %U user=%u port=%{remote}p"
LogLevel warn auth_gssapi:info
DocumentRoot ${root}
<Directory ${root}>
  Require all granted
</Directory>
${blocks.join('\n')}
`,
  );
  const apache = startDaemon('apache2', ['-f', config, '-DFOREGROUND'], {
    ...process.env,
    ...krb5Env,
    APACHE_RUN_DIR: dir,
    APACHE_LOCK_DIR: dir,
    APACHE_LOG_DIR: dir,
  });
  for (const site of sites) {
    const port = ports[site.name] as number;
    const challenged = async () =>
      (site.tls ? await httpsStatus(site.host, port, site.tls.ca) : (await fetch(`http://127.0.0.1:${port}/`)).status) === 401;
    await waitFor(`apache site ${site.name}`, challenged).catch((error: Error) => {
      throw new Error(`${error.message}\n${apache.output()}`);
    });
  }
  return {
    ports,
    errorLog,
    accessLog,
    requests(host) {
      const text = existsSync(accessLog) ? readFileSync(accessLog, 'utf8') : '';
      return text
        .split('\n')
        .map((line) => line.split(' '))
        .filter((fields) => fields[0] === host && fields.length >= 7)
        .map(([, protocol, status, method, path, user, port]) => ({
          protocol: protocol as string,
          status: Number(status),
          method: method as string,
          path: path as string,
          user: user === 'user=-' ? null : (user as string).slice('user='.length),
          clientPort: Number((port as string).slice('port='.length)),
        }));
    },
    async stop() {
      await stopDaemon(apache.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The status of GET / over HTTPS to 127.0.0.1, verifying the certificate for `host` against the CA in `ca`. */
function httpsStatus(host: string, port: number, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const get = request(
      { host: '127.0.0.1', port, path: '/', servername: host, headers: { Host: `${host}:${port}` }, ca: readFileSync(ca), agent: false },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    get.on('error', reject);
    get.end();
  });
}
