// The lab's HTTPS: a throwaway certificate authority and one server certificate for the HTTPS host names, made with
// openssl at lab start; the channel binding a client should send over that certificate (RFC 5929, MS-NLMP); and the
// NSS databases (certutil) through which the test browsers trust the CA for real, as a managed desktop would.
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './processes';

export interface LabTls {
  /** The lab CA's certificate (PEM file): what browsers must trust. */
  readonly caCertificate: string;
  /** The server certificate (PEM file), signed by the lab CA, valid for `hosts` (subjectAltName). */
  readonly certificate: string;
  /** Its private key (PEM file). */
  readonly key: string;
  readonly hosts: readonly string[];
  /** RFC 5929 §4.1 tls-server-end-point: SHA-256 of the certificate's DER (it is signed with SHA-256), hex. */
  readonly serverEndPoint: string;
  /**
   * What a client that binds NTLM to this TLS channel puts in MsvAvChannelBindings (MS-NLMP §2.2.2.1, §3.1.5.1.2):
   * MD5 of the gss_channel_bindings_struct whose application data is "tls-server-end-point:" + the hash above, hex.
   */
  readonly ntlmChannelBindings: string;
}

/**
 * The environment variable through which the lab hands a browser launcher its CA (a PEM file): the launcher makes
 * the browser trust it in an NSS database of the browser's own (tools/browsers/launch.ts).
 */
export const LAB_CA_ENV = 'AUTHSCOPE_LAB_CA';

/** Nickname of the lab CA in the browsers' NSS databases. */
export const LAB_CA_NICKNAME = 'AuthScope lab CA (throwaway)';

/** Writes a new CA and a server certificate for `hosts` under `dir` (valid two days; keys never leave `dir`). */
export async function createLabTls(dir: string, hosts: readonly string[]): Promise<LabTls> {
  mkdirSync(dir, { recursive: true });
  const file = (name: string) => join(dir, name);
  // Our own openssl configuration: the system's openssl.cnf adds extensions of its own to `req -x509`.
  writeFileSync(
    file('openssl.cnf'),
    `[req]
distinguished_name = dn
prompt = no
[dn]
CN = ${LAB_CA_NICKNAME}
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = ${hosts.map((host) => `DNS:${host}`).join(', ')}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`,
  );
  // ECDSA P-256 keys (fast to make), certificates signed with SHA-256.
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-sha256'];
  await run('openssl', [
    'req',
    '-x509',
    ...key,
    '-config',
    file('openssl.cnf'),
    '-extensions',
    'ca_ext',
    '-days',
    '2',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.crt'),
  ]);
  await run('openssl', [
    'req',
    '-new',
    ...key,
    '-config',
    file('openssl.cnf'),
    '-subj',
    `/CN=${hosts[0]}`,
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
  ]);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-set_serial',
    `0x${randomBytes(8).toString('hex')}`,
    '-days',
    '2',
    '-sha256',
    '-extfile',
    file('openssl.cnf'),
    '-extensions',
    'server_ext',
    '-out',
    file('server.crt'),
  ]);
  return {
    caCertificate: file('ca.crt'),
    certificate: file('server.crt'),
    key: file('server.key'),
    hosts,
    ...tlsServerEndPointBindings(readFileSync(file('server.crt'), 'utf8')),
  };
}

/**
 * The channel bindings of a TLS server with this certificate (PEM), RFC 5929 §4: tls-server-end-point is the hash
 * of the certificate's DER with the hash of its signature algorithm (SHA-256 here; MD5 and SHA-1 also become
 * SHA-256); NTLM carries MD5 of the gss_channel_bindings_struct around it.
 */
export function tlsServerEndPointBindings(certificatePem: string): { serverEndPoint: string; ntlmChannelBindings: string } {
  const serverEndPoint = createHash('sha256').update(new X509Certificate(certificatePem).raw).digest();
  return {
    serverEndPoint: serverEndPoint.toString('hex'),
    ntlmChannelBindings: ntlmChannelBindingHash(Buffer.concat([Buffer.from('tls-server-end-point:', 'latin1'), serverEndPoint])),
  };
}

/**
 * MD5 of a gss_channel_bindings_struct (RFC 2744 §3.11) with no addresses, serialized as MS-NLMP §3.1.5.1.2 and
 * Windows do: initiator and acceptor address types and lengths (4 × u32 zero), then the application data's length
 * (u32, little-endian) and the data itself.
 */
export function ntlmChannelBindingHash(applicationData: Uint8Array): string {
  const header = Buffer.alloc(20);
  header.writeUInt32LE(applicationData.length, 16);
  return createHash('md5').update(header).update(applicationData).digest('hex');
}

/** Creates an NSS database in `dir` (if none is there) that trusts `caCertificate` for TLS servers ("C,,"). */
export async function trustInNssDatabase(dir: string, caCertificate: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const database = `sql:${dir}`;
  if (!existsSync(join(dir, 'cert9.db'))) await run('certutil', ['-N', '-d', database, '--empty-password']);
  await run('certutil', ['-A', '-d', database, '-n', LAB_CA_NICKNAME, '-t', 'C,,', '-i', caCertificate]);
}
