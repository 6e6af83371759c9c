// The Kerberos tools' outputs, from public documentation and from this machine (test/fixtures/probe, provenance beside
// each file): what each says about the ticket-granting ticket and the service ticket.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  heimdalTicketEtype,
  mitTicketEtype,
  readKgetcred,
  readKlist,
  readKlistGet,
  readKvno,
  readWindowsKlistTgt,
  windowsTicketEtype,
} from '../../../../src/core/import/probe/kerberos-tools';
import { isWeakEtypeName } from '../../../../src/core/diagnosis/probe';

const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/probe/${path}`, import.meta.url), 'utf8');
const exitOf = (path: string) => Number(fixture(path.replace(/\.txt$/, '.exitcode')).trim());
const local = (name: string) => [fixture(`local-captures/${name}.txt`), exitOf(`local-captures/${name}.txt`)] as const;

describe('MIT kvno', () => {
  it('a ticket (this machine), an unknown SPN (MIT KDC and Active Directory), no cache, an expired TGT', () => {
    expect(readKvno('HTTP/web.probe.test', ...local('kvno-http-success'))).toMatchObject({
      ok: true,
      error: null,
      said: 'HTTP/web.probe.test@PROBE.TEST: kvno = 2',
    });
    expect(readKvno('HTTP/missing.probe.test', ...local('kvno-server-not-found'))).toMatchObject({
      ok: false,
      error: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
    });
    expect(readKvno('MSSQLSvc/x', fixture('mit/kvno-server-not-found-ad.txt'), 1)).toMatchObject({
      ok: false,
      error: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
    });
    expect(readKvno('HTTP/web.probe.test', ...local('kvno-no-cache')).error).toBe('no-credentials');
    expect(readKvno('HTTP/web.probe.test', ...local('kvno-expired-tgt')).error).toBe('ticket-expired');
  });

  it('klist -e gives the service ticket’s encryption type; klist the principal and the TGT’s expiry', () => {
    expect(mitTicketEtype(fixture('local-captures/klist-e.txt'), 'HTTP/web.probe.test')).toBe('aes256-cts-hmac-sha1-96');
    expect(mitTicketEtype(fixture('local-captures/klist-e.txt'), 'HTTP/other.probe.test')).toBeNull();
    const [listed, code] = local('klist-e');
    expect(readKlist(listed, code, true)).toMatchObject({ tgt: true, principal: 'alice@PROBE.TEST', expires: '11/30/26 01:40:46' });
    expect(readKlist(...local('klist-no-cache'), false)).toMatchObject({
      tgt: false,
      principal: null,
      said: expect.stringContaining('No credentials cache found'),
    });
    expect(readKlist(...local('klist-expired'), false)).toMatchObject({ tgt: false, said: expect.stringContaining('expired') });
  });
});

describe('Heimdal and macOS', () => {
  it('kgetcred: silent success, an unknown server, no cache, an expired TGT; klist -v gives the etype', () => {
    expect(readKgetcred('HTTP/web.probe.test', ...local('heimdal-kgetcred-success'))).toMatchObject({ ok: true });
    expect(readKgetcred('HTTP/missing.probe.test', ...local('heimdal-kgetcred-server-unknown')).error).toBe('KDC_ERR_S_PRINCIPAL_UNKNOWN');
    expect(readKgetcred('HTTP/web.probe.test', ...local('heimdal-kgetcred-no-cache')).error).toBe('no-credentials');
    expect(readKgetcred('HTTP/web.probe.test', ...local('heimdal-kgetcred-expired')).error).toBe('ticket-expired');
    expect(heimdalTicketEtype(fixture('heimdal/kgetcred-success-silent.txt'), 'smtp/smtp.su.se')).toBe('des3-cbc-sha1');
  });

  it('Apple klist: the principal and its krbtgt; no cache', () => {
    expect(readKlist(fixture('macos/klist-macos-api-cache.txt'), 0, null)).toMatchObject({
      tgt: true,
      principal: 'john.smith@FOOBAR.COM',
      expires: 'May  9 00:06:10 2025',
    });
    expect(readKlist(fixture('macos/klist-macos-no-cache.txt'), 1, null)).toMatchObject({ tgt: false });
  });
});

describe('Windows klist (Microsoft Learn examples)', () => {
  it('klist get: success with the ticket’s etype, and each failure code named', () => {
    const full = readKlistGet('http/iisserver.contoso.com', fixture('windows/klist-get-http-success-full.txt'), 0);
    expect(full).toMatchObject({
      ok: true,
      etype: 'aes256-cts-hmac-sha1-96',
      said: 'A ticket to http/iisserver.contoso.com has been retrieved successfully.',
    });
    expect(readKlistGet('http/webserver.contoso.com', fixture('windows/klist-get-http-fail-0xc000018b.txt'), 1)).toMatchObject({
      ok: false,
      error: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
      said: expect.stringMatching(/^klist failed with 0xc000018b: The SAM database/),
    });
    expect(readKlistGet('cifs/x', fixture('windows/klist-get-cifs-target-unknown-0x80090303.txt'), 1).error).toBe(
      'KDC_ERR_S_PRINCIPAL_UNKNOWN',
    );
    expect(readKlistGet('host/x', fixture('windows/klist-get-host-etype-notsupp-0xc00002fd.txt'), 1).error).toBe('KDC_ERR_ETYPE_NOSUPP');
  });

  it('an RC4 ticket is weak; klist tgt gives the principal or "no credentials"', () => {
    const rc4 = windowsTicketEtype(
      fixture('windows/klist-ticket-rc4-ticket-aes-session.txt'),
      'cifs/<storage-account-name>.file.core.windows.net',
    );
    expect(rc4).toBe('rc4-hmac');
    expect(isWeakEtypeName(rc4 ?? '')).toBe(true);
    expect(isWeakEtypeName('aes256-cts-hmac-sha1-96')).toBe(false);
    expect(readWindowsKlistTgt(fixture('windows/klist-tgt-cached-tgt.txt'), 0)).toMatchObject({
      tgt: true,
      principal: 'jotter@LUMON.COM',
      expires: '3/7/2026 5:07:09',
    });
    expect(readWindowsKlistTgt(fixture('windows/klist-tgt-no-credentials-0x8009030e.txt'), 1)).toMatchObject({
      tgt: false,
      said: expect.stringContaining('0x8009030e'),
    });
  });
});
