// Apache 2.4 + mod_auth_gssapi for the lab: one port per Kerberos scenario, each a virtual host with its own
// keytab and limits, started in the foreground under our control (Debian apache2, libapache2-mod-auth-gssapi).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startDaemon, stopDaemon, waitFor } from './processes';

export interface ApacheSite {
  readonly name: string;
  readonly host: string;
  readonly keytab: string;
  /** LimitRequestFieldSize (bytes); a smaller value turns a large Authorization header into a 400. */
  readonly limitRequestFieldSize?: number;
}

export interface Apache {
  /** Port of each site, by site name. */
  readonly ports: Readonly<Record<string, number>>;
  readonly errorLog: string;
  stop(): Promise<void>;
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
  const errorLog = join(dir, 'error.log');
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
TypesConfig /etc/mime.types
DirectoryIndex index.html
ServerName lab.test
ErrorLog ${errorLog}
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
  for (const [name, port] of Object.entries(ports)) {
    await waitFor(`apache site ${name}`, async () => (await fetch(`http://127.0.0.1:${port}/`)).status === 401).catch((error: Error) => {
      throw new Error(`${error.message}\n${apache.output()}`);
    });
  }
  return {
    ports,
    errorLog,
    async stop() {
      await stopDaemon(apache.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
