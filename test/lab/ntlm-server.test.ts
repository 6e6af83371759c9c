import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NTLM_SERVER_PATHS, NtlmServer, verifyNtlmV2 } from '../../tools/lab/ntlm-server';
import { type LabTls, createLabTls, ntlmChannelBindingHash } from '../../tools/lab/tls';
import { hex } from '../helpers/fixtures';

/** An AUTHENTICATE_MESSAGE (MS-NLMP §2.2.1.3) for `user` in domain "Domain" carrying `ntResponse`. */
function authenticate(user: string, ntResponse: Uint8Array): Uint8Array {
  const domain = Buffer.from('Domain', 'utf16le');
  const name = Buffer.from(user, 'utf16le');
  const header = Buffer.alloc(72);
  header.write('NTLMSSP\0', 0, 'latin1');
  header.writeUInt32LE(3, 8);
  let offset = 72;
  const field = (at: number, length: number) => {
    header.writeUInt16LE(length, at);
    header.writeUInt16LE(length, at + 2);
    header.writeUInt32LE(offset, at + 4);
    offset += length;
  };
  field(12, 0);
  field(20, ntResponse.length);
  field(28, domain.length);
  field(36, name.length);
  field(44, 0);
  field(52, 0);
  header.writeUInt32LE(0xe2888235, 60);
  return Uint8Array.from(Buffer.concat([header, ntResponse, domain, name]));
}

describe('verifyNtlmV2 (MS-NLMP §4.2.4 example)', () => {
  // User "User", domain "Domain", password "Password", server challenge 0123456789abcdef; the NTProofStr of
  // §4.2.4.2.2 over the §4.2.4.1.3 temp (client challenge aaaaaaaaaaaaaaaa, timestamp 0, AV pairs Domain/Server).
  const proof = hex('68cd0ab851e51c96aabc927bebef6a1c');
  const temp = hex(`0101 0000 00000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000
    02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000 00000000`);
  it('accepts the spec proof for User / Password', () => {
    const message = authenticate('User', Uint8Array.from([...proof, ...temp]));
    expect(verifyNtlmV2(message, hex('0123456789abcdef'), { user: 'Password' })).toBe('User');
  });

  it('refuses a wrong password, an unknown user and a tampered proof', () => {
    const message = authenticate('User', Uint8Array.from([...proof, ...temp]));
    expect(verifyNtlmV2(message, hex('0123456789abcdef'), { user: 'password' })).toBeNull();
    expect(verifyNtlmV2(message, hex('0123456789abcdef'), { bob: 'Password' })).toBeNull();
    const tampered = Uint8Array.from([...proof.map((byte, index) => (index === 0 ? byte ^ 1 : byte)), ...temp]);
    expect(verifyNtlmV2(authenticate('User', tampered), hex('0123456789abcdef'), { user: 'Password' })).toBeNull();
  });
});

describe('NtlmServer against curl --ntlm (a real NTLMv2 client)', () => {
  const server = new NtlmServer();
  let base = '';
  beforeAll(async () => {
    base = `http://127.0.0.1:${await server.start()}`;
  });
  afterAll(() => server.stop());
  // Asynchronous: the server runs in this process and must keep answering while curl waits.
  const curl = async (path: string, user: string) =>
    (await promisify(execFile)('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--ntlm', '-u', user, `${base}${path}`])).stdout;

  it('answers the NEGOTIATE / AUTHENTICATE handshake and verifies the right password', async () => {
    server.log.length = 0;
    expect(await curl(NTLM_SERVER_PATHS.iis, 'LAB\\alice:alicepw')).toBe('200');
    expect(server.log.map((entry) => [entry.status, entry.tokenKind])).toEqual([
      [401, 'ntlm-negotiate'],
      [200, 'ntlm-authenticate'],
    ]);
    expect(server.log[1]?.user).toBe('alice');
  });

  it('refuses a wrong password with a final 401', async () => {
    expect(await curl(NTLM_SERVER_PATHS.ntlmOnly, 'LAB\\alice:wrong')).toBe('401');
  });

  it('keeps answering 401 on the loop path after valid credentials', async () => {
    expect(await curl(NTLM_SERVER_PATHS.loop, 'LAB\\alice:alicepw')).toBe('401');
  });

  it('answers 400 on the too-large path and offers Negotiate + NTLM anonymously', async () => {
    expect(await curl(NTLM_SERVER_PATHS.tooLarge, 'LAB\\alice:alicepw')).toBe('400');
    const response = await fetch(`${base}${NTLM_SERVER_PATHS.iis}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Negotiate, NTLM');
    expect(response.headers.get('server')).toBe('Microsoft-IIS/10.0');
  });

  it('acts as an NTLM-authenticating proxy (407, Proxy-Authenticate) for absolute-URL requests', async () => {
    const proxied = await promisify(execFile)('curl', [
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--proxy',
      base,
      '--proxy-ntlm',
      '--proxy-user',
      'LAB\\alice:alicepw',
      'http://proxied.lab.test/',
    ]);
    expect(proxied.stdout).toBe('200');
    const anonymous = await promisify(execFile)('curl', [
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--proxy',
      base,
      'http://proxied.lab.test/',
    ]);
    expect(anonymous.stdout).toBe('407');
  });

  it('answers 401.1 to credentials sent before any challenge on the kernel-mode path (KB2749007)', async () => {
    const type1 = 'TlRMTVNTUAABAAAAB4IIAAAAAAAgAAAAAAAAACAAAAA=';
    // A new connection (no keep-alive reuse): http.sys judges pre-authentication per connection.
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = get(
        `${base}${NTLM_SERVER_PATHS.kernelMode}`,
        { agent: false, headers: { Authorization: `NTLM ${type1}` } },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on('error', reject);
    });
    expect(status).toBe(401);
    expect(body).toContain('401.1');
  });
});

describe('NtlmServer over HTTPS: the channel binding of each AUTHENTICATE (MS-NLMP §3.1.5.1.2, RFC 5929)', () => {
  let dir = '';
  let tls: LabTls;
  let server: NtlmServer;
  let base = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'authscope-tls-test-'));
    tls = await createLabTls(dir, ['secure.lab.test', 'h2.lab.test']);
    server = new NtlmServer({ tls: { certificate: readFileSync(tls.certificate, 'utf8'), key: readFileSync(tls.key, 'utf8') } });
    base = `https://127.0.0.1:${await server.start()}`;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One request on a new TLS connection to 127.0.0.1 as secure.lab.test, verified against the lab CA. */
  const send = (authorization: string) =>
    new Promise<number>((resolve, reject) => {
      const sent = request(
        `${base}${NTLM_SERVER_PATHS.ntlmOnly}`,
        { agent: false, servername: 'secure.lab.test', ca: readFileSync(tls.caCertificate), headers: { Authorization: authorization } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      sent.on('error', reject);
      sent.end();
    });

  /** An AUTHENTICATE whose NTLMv2 blob carries `pairs` (hex AV pairs before MsvAvEOL). */
  const authenticateWith = (pairs: string) =>
    `NTLM ${Buffer.from(authenticate('alice', hex(`${'00'.repeat(16)} 0101 0000 00000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000 ${pairs} 00000000 00000000`))).toString('base64')}`;

  it('expects the tls-server-end-point hash of its certificate, as openssl computes it', async () => {
    const der = join(dir, 'server.der');
    await promisify(execFile)('openssl', ['x509', '-in', tls.certificate, '-outform', 'DER', '-out', der]);
    const { stdout } = await promisify(execFile)('openssl', ['dgst', '-sha256', '-r', der]);
    expect(tls.serverEndPoint).toBe(stdout.split(' ')[0]);
    expect(server.expectedChannelBindings).toBe(tls.ntlmChannelBindings);
    // 20 bytes of header (4 × u32 zero, then the length 53 = 21 + 32) before the application data.
    const applicationData = Buffer.concat([Buffer.from('tls-server-end-point:'), Buffer.from(tls.serverEndPoint, 'hex')]);
    expect(ntlmChannelBindingHash(applicationData)).toBe(tls.ntlmChannelBindings);
    expect(tls.ntlmChannelBindings).toMatch(/^[0-9a-f]{32}$/);
  });

  it('authenticates curl --ntlm over TLS and logs that its AUTHENTICATE carries no channel binding', async () => {
    server.log.length = 0;
    const { stdout } = await promisify(execFile)('curl', [
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--cacert',
      tls.caCertificate,
      '--resolve',
      `secure.lab.test:${new URL(base).port}:127.0.0.1`,
      '--ntlm',
      '-u',
      'LAB\\alice:alicepw',
      `https://secure.lab.test:${new URL(base).port}${NTLM_SERVER_PATHS.ntlmOnly}`,
    ]);
    expect(stdout).toBe('200');
    expect(server.log.map((entry) => [entry.status, entry.tokenKind, entry.tls])).toEqual([
      [401, 'ntlm-negotiate', 'TLSv1.3'],
      [200, 'ntlm-authenticate', 'TLSv1.3'],
    ]);
    expect(server.log[0]?.channelBindings).toBeNull();
    expect(server.log[1]?.channelBindings).toEqual({
      state: 'absent',
      value: null,
      matches: null,
      expected: tls.ntlmChannelBindings,
      targetName: null,
    });
  });

  it('tells an all-zero, the right and a wrong MsvAvChannelBindings apart, with the MsvAvTargetName', async () => {
    server.log.length = 0;
    const target = Buffer.from('HTTP/secure.lab.test', 'utf16le');
    const targetPair = `0900${target.length.toString(16).padStart(2, '0')}00${target.toString('hex')}`;
    await send(authenticateWith(`0a001000${'00'.repeat(16)}`));
    await send(authenticateWith(`0a001000${tls.ntlmChannelBindings} ${targetPair}`));
    await send(authenticateWith(`0a001000${'11'.repeat(16)}`));
    expect(server.log.map((entry) => entry.channelBindings)).toEqual([
      { state: 'zero', value: '00'.repeat(16), matches: null, expected: tls.ntlmChannelBindings, targetName: null },
      {
        state: 'hash',
        value: tls.ntlmChannelBindings,
        matches: true,
        expected: tls.ntlmChannelBindings,
        targetName: 'HTTP/secure.lab.test',
      },
      { state: 'hash', value: '11'.repeat(16), matches: false, expected: tls.ntlmChannelBindings, targetName: null },
    ]);
  });

  it('expects no channel binding over plain HTTP', () => {
    expect(new NtlmServer().expectedChannelBindings).toBeNull();
  });
});
