// `authscope probe` against the lab (the real MIT KDC, Apache + mod_auth_gssapi, the NTLM server) with this machine's
// kvno, klist, getent and curl: what it says for each scenario, with the Chromium policy the lab's browsers run with
// (AuthServerAllowlist *.lab.test) written where Chromium reads it, under a policy root of the test's own.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeJson } from '../../src/core/report/probe-json';
import { type Lab, startLab } from '../../tools/lab/lab';

let lab: Lab;
let policyRoot: string;
beforeAll(async () => {
  lab = await startLab();
  policyRoot = mkdtempSync(join(tmpdir(), 'authscope-policy-'));
  mkdirSync(join(policyRoot, 'etc/chromium/policies/managed'), { recursive: true });
  writeFileSync(join(policyRoot, 'etc/chromium/policies/managed/lab.json'), JSON.stringify({ AuthServerAllowlist: '*.lab.test' }));
});
afterAll(async () => {
  await lab?.stop();
  rmSync(policyRoot, { recursive: true, force: true });
});

/** Runs the built CLI without blocking this process (the lab's NTLM server answers from it). */
function cli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  command: readonly string[] = [process.execPath, 'dist/cli/authscope.mjs'],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command[0] as string,
      [...command.slice(1), ...args],
      { env: { ...process.env, ...env }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function probeJson(url: string, env = lab.browserEnv): Promise<ProbeJson> {
  const run = await cli(['probe', '--json', '--policy-root', policyRoot, url], env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ProbeJson;
}

const ids = (result: ProbeJson) => result.findings.map((finding) => finding.id);

describe('authscope probe on the lab', () => {
  it('kerberos-ok: a ticket for HTTP/intranet.lab.test and a Kerberos handshake that signs in', async () => {
    const result = await probeJson(lab.urls['kerberos-ok']);
    expect(result).toMatchObject({
      spn: 'HTTP/intranet.lab.test',
      canonicalName: 'intranet.lab.test',
      ticket: { ok: true, error: null, etype: 'aes256-cts-hmac-sha1-96' },
      credentials: { tgt: true, principal: expect.stringMatching(/@LAB\.TEST$/) },
      policy: { browser: 'chromium', allows: true, basis: expect.stringContaining('*.lab.test') },
      exchange: { outcome: 'authenticated', mechanism: 'kerberos' },
    });
    expect(ids(result)).toContain('kerberos-ok');
    expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(JSON.stringify(result)).not.toMatch(/YII[A-Za-z0-9+/]{20}/);
  });

  it('spn-unknown: the KDC does not know the SPN', async () => {
    const result = await probeJson(lab.urls['spn-unknown']);
    expect(result.ticket).toMatchObject({ ok: false, error: 'KDC_ERR_S_PRINCIPAL_UNKNOWN' });
    expect(ids(result)[0]).toBe('spn-unknown');
    expect(result.findings[0]?.evidence.map((item) => item.source)).toContain('this computer');
  });

  it('no ticket (an empty credential cache): no-kerberos-credentials', async () => {
    const result = await probeJson(lab.urls['kerberos-ok'], lab.browserEnvWithoutTicket);
    expect(result.credentials).toMatchObject({ tgt: false });
    expect(ids(result)[0]).toBe('no-kerberos-credentials');
  });

  it('stale-keytab: a ticket is obtained, and the handshake shows the server refusing it with KRB_AP_ERR_BADKEYVER', async () => {
    const result = await probeJson(lab.urls['stale-keytab']);
    expect(result.ticket).toMatchObject({ ok: true });
    expect(ids(result)).toEqual(expect.arrayContaining(['kerberos-error', 'kerberos-rejected']));
    expect(result.findings[0]?.title).toContain('KRB_AP_ERR_BADKEYVER');
    expect(ids(result)).not.toContain('preauth-first-request');
  });

  it('ntlm-only: NTLM, never Kerberos', async () => {
    const result = await probeJson(lab.urls['ntlm-only']);
    expect(ids(result)).toContain('ntlm-used');
    expect(ids(result)).not.toContain('kerberos-ok');
    expect(ids(result)).not.toContain('spn-unknown');
  });

  it('not-allowlisted: the policy does not let the browser send credentials to web.corp.example', async () => {
    const result = await probeJson(lab.urls['not-allowlisted']);
    expect(result.policy).toMatchObject({ allows: false, basis: expect.stringContaining('no entry matches web.corp.example') });
    expect(ids(result)[0]).toBe('not-allowlisted');
  });

  it('says which tools are missing instead of failing, and refuses a host that is not a plain name', async () => {
    const bare = await cli(['probe', '--json', lab.urls['kerberos-ok']], { ...lab.browserEnv, PATH: '/nonexistent' });
    expect(bare.code).toBe(0);
    const result = JSON.parse(bare.stdout) as ProbeJson;
    expect(result.missing.join(' ')).toMatch(/klist.*kvno.*curl/s);
    expect(result.exchange).toBeNull();
    const hostile = await cli(['probe', 'http://x;rm -rf ~/'], lab.browserEnv);
    expect(hostile.code).toBe(2);
    expect(hostile.stderr).toMatch(/not a URL|not a plain host name/);
  });
});

describe('the CLI as a support engineer installs it', () => {
  it('npm install -g of the packed tarball (bundled CLI only, nothing fetched) gives a working authscope probe', async () => {
    const place = mkdtempSync(join(tmpdir(), 'authscope-install-'));
    try {
      const run = promisify(execFile);
      const packed = await run(process.execPath, ['scripts/pack-cli.mjs', '--out', place]);
      const tarball = packed.stdout.trim();
      expect(tarball).toMatch(/authscope-cli-\d+\.\d+\.\d+\.tgz$/);
      const listing = await run('tar', ['tzf', tarball]);
      expect(listing.stdout.trim().split('\n').sort()).toEqual(['package/README.md', 'package/authscope.mjs', 'package/package.json']);
      const prefix = join(place, 'prefix');
      await run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball]);
      const authscope = [join(prefix, 'bin', 'authscope')];
      const version = await cli(['--version'], {}, authscope);
      expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
      const probe = await cli(['probe', '--json', '--policy-root', policyRoot, lab.urls['kerberos-ok']], lab.browserEnv, authscope);
      expect(probe.code, probe.stderr).toBe(0);
      const result = JSON.parse(probe.stdout) as ProbeJson;
      expect(result).toMatchObject({ spn: 'HTTP/intranet.lab.test', ticket: { ok: true } });
      expect(ids(result)).toContain('kerberos-ok');
    } finally {
      rmSync(place, { recursive: true, force: true });
    }
  });
});
