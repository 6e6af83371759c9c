// An MIT Kerberos KDC for the lab: realm LAB.TEST in a private directory, a user with a ticket in a private
// credentials cache, HTTP service principals with keytabs, and the failure cases the diagnoses need.
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort, run, startDaemon, stopDaemon, waitFor } from './processes';

export const LAB_REALM = 'LAB.TEST';
export const LAB_USER = 'alice';
export const LAB_PASSWORD = 'alicepw';

export interface KdcOptions {
  /** Hosts that get an HTTP/<host> principal and a keytab. */
  readonly serviceHosts: readonly string[];
  /** Hosts whose service key is changed after their keytab was written (stale keytab, KRB_AP_ERR_BADKEYVER). */
  readonly staleHosts?: readonly string[];
}

export interface Kdc {
  readonly realm: string;
  readonly port: number;
  /** Environment for Kerberos clients and servers: KRB5_CONFIG plus KRB5CCNAME of the user's ticket. */
  readonly env: Readonly<Record<string, string>>;
  /** A credentials cache with no ticket (the "no Kerberos credentials" case). */
  readonly emptyCcache: string;
  keytab(host: string): string;
  stop(): Promise<void>;
}

/** Creates the realm, starts krb5kdc on 127.0.0.1 and gets the user's TGT. */
export async function startKdc(options: KdcOptions): Promise<Kdc> {
  const dir = mkdtempSync(join(tmpdir(), 'authscope-kdc-'));
  const port = await freePort();
  const krb5Config = join(dir, 'krb5.conf');
  const kdcProfile = join(dir, 'kdc.conf');
  writeFileSync(
    krb5Config,
    `[libdefaults]
  default_realm = ${LAB_REALM}
  dns_lookup_realm = false
  dns_lookup_kdc = false
  rdns = false
  udp_preference_limit = 1
[realms]
  ${LAB_REALM} = {
    kdc = 127.0.0.1:${port}
  }
[domain_realm]
  .lab.test = ${LAB_REALM}
  lab.test = ${LAB_REALM}
`,
  );
  writeFileSync(
    kdcProfile,
    `[kdcdefaults]
  kdc_listen = 127.0.0.1:${port}
  kdc_tcp_listen = 127.0.0.1:${port}
[realms]
  ${LAB_REALM} = {
    database_name = ${join(dir, 'principal')}
    key_stash_file = ${join(dir, 'stash')}
    acl_file = ${join(dir, 'kadm5.acl')}
    max_life = 10h 0m 0s
    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
  }
`,
  );
  const ccache = `FILE:${join(dir, 'ccache')}`;
  const env = { ...process.env, KRB5_CONFIG: krb5Config, KRB5_KDC_PROFILE: kdcProfile, KRB5CCNAME: ccache };
  const admin = (query: string) => run('kadmin.local', ['-r', LAB_REALM, '-q', query], env);
  await run('kdb5_util', ['create', '-s', '-r', LAB_REALM, '-P', 'lab-master-key'], env);
  await admin(`addprinc -pw ${LAB_PASSWORD} ${LAB_USER}`);
  const keytabs = new Map<string, string>();
  for (const host of options.serviceHosts) {
    const keytab = join(dir, `${host}.keytab`);
    await admin(`addprinc -randkey HTTP/${host}`);
    await admin(`ktadd -k ${keytab} HTTP/${host}`);
    chmodSync(keytab, 0o644); // Apache's worker processes read it.
    keytabs.set(host, keytab);
  }
  for (const host of options.staleHosts ?? []) await admin(`cpw -randkey HTTP/${host}`);

  const kdc: { child: ChildProcess; output: () => string } = startDaemon('krb5kdc', ['-n', '-r', LAB_REALM], env);
  await waitFor('krb5kdc', () => canConnect(port)).catch((error: Error) => {
    throw new Error(`${error.message}\n${kdc.output()}`);
  });
  await run('kinit', [LAB_USER], env, `${LAB_PASSWORD}\n`);

  return {
    realm: LAB_REALM,
    port,
    env: { KRB5_CONFIG: krb5Config, KRB5CCNAME: ccache },
    emptyCcache: `FILE:${join(dir, 'empty-ccache')}`,
    keytab(host) {
      const keytab = keytabs.get(host);
      if (!keytab) throw new Error(`lab: no keytab for ${host}`);
      return keytab;
    },
    async stop() {
      await stopDaemon(kdc.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
