import { describe, expect, it } from 'vitest';
import { diagnoseExchange } from '../../../../src/core/diagnosis/findings';
import { mainExchange, recordingOf } from '../../../../tools/fixtures/recordings';

describe('spn-mismatch', () => {
  const noToken = mainExchange(recordingOf('firefox', 'spn-unknown'));

  it('shows both names when the browser will ask for the CNAME target', () => {
    const [mismatch] = diagnoseExchange(noToken, { predictedSpn: 'HTTP/web01.lab.test' }).filter(
      (finding) => finding.id === 'spn-mismatch',
    );
    expect(mismatch?.severity).toBe('warning');
    expect(mismatch?.title).toBe('The browser asks for HTTP/web01.lab.test, not HTTP/nospn.lab.test');
    expect(
      mismatch?.fixes
        .flatMap((fix) => fix.settings ?? [])
        .map((setting) => setting.value)
        .join('\n'),
    ).toContain('DisableAuthNegotiateCnameLookup');
  });

  it('points at the port when the KDC did not know the port-less SPN the NetLog shows was asked for', () => {
    const events = [
      { event: 'AUTH_LIBRARY_INIT_SEC_CTX', detail: 'minor: Server HTTP/nospn.lab.test@LAB.TEST not found in Kerberos database' },
    ];
    const facts = { allowsDefaultCredentials: true, spn: 'HTTP/nospn.lab.test', delegationRequested: null, events };
    expect(diagnoseExchange({ ...noToken, authLibrary: { ...facts, events: [] } }).map((finding) => finding.id)).not.toContain(
      'spn-mismatch',
    );
    expect(diagnoseExchange(noToken, { predictedSpn: 'HTTP/nospn.lab.test' }).map((finding) => finding.id)).not.toContain('spn-mismatch');
    const [mismatch] = diagnoseExchange({ ...noToken, authLibrary: facts }).filter((finding) => finding.id === 'spn-mismatch');
    expect(mismatch?.title).toMatch(/leaves out port \d+/);
    expect(
      mismatch?.fixes
        .flatMap((fix) => fix.settings ?? [])
        .map((setting) => setting.value)
        .join('\n'),
    ).toContain('EnableAuthNegotiatePort');
  });

  it('stays silent when the ticket’s SPN is the URL host (a ticket proves the SPN exists)', () => {
    for (const scenario of ['kerberos-ok', 'stale-keytab']) {
      expect(diagnoseExchange(mainExchange(recordingOf('firefox', scenario))).map((finding) => finding.id)).not.toContain('spn-mismatch');
    }
  });
});
