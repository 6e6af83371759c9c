import { describe, expect, it } from 'vitest';
import { diagnoseExchange } from '../../../../src/core/diagnosis/findings';
import type { AuthLibraryFacts } from '../../../../src/core/exchange/model';
import { mainExchange, recordingOf } from '../../../../tools/fixtures/recordings';

const noToken = mainExchange(recordingOf('firefox', 'spn-unknown'));
const withLibrary = (facts: Partial<AuthLibraryFacts>) =>
  diagnoseExchange({
    ...noToken,
    authLibrary: { allowsDefaultCredentials: null, spn: null, delegationRequested: null, events: [], ...facts },
  }).map((finding) => finding.id);

describe('no-token-sent and its refinements', () => {
  it('without auth-library evidence: names all three causes and says what is missing', () => {
    const [finding] = diagnoseExchange(noToken);
    expect(finding?.id).toBe('no-token-sent');
    expect(finding?.fixes.map((fix) => fix.text).join(' ')).toMatch(/trusted.*SPN.*ticket-granting/s);
    expect(finding?.missing).toMatch(/^Firefox .*about:logging/);
    const [chromium] = diagnoseExchange({ ...noToken, browser: 'chromium' });
    expect(chromium?.missing).toContain('NetLog (chrome://net-export)');
  });

  it('not-allowlisted when the handler says default credentials are not allowed', () => {
    expect(withLibrary({ allowsDefaultCredentials: false })).toEqual(['no-token-sent', 'not-allowlisted']);
  });

  it('spn-unknown from the GSSAPI minor status, with the SPN the browser asked for', () => {
    const findings = diagnoseExchange({
      ...noToken,
      authLibrary: {
        allowsDefaultCredentials: true,
        spn: 'HTTP/nospn.lab.test',
        delegationRequested: null,
        events: [{ event: 'AUTH_LIBRARY_INIT_SEC_CTX', detail: 'major: GSS_S_FAILURE; minor: Server not found in Kerberos database' }],
      },
    });
    // The URL has a port the SPN leaves out: spn-mismatch names that candidate too.
    expect(findings.map((finding) => finding.id)).toEqual(['no-token-sent', 'spn-unknown', 'spn-mismatch']);
    expect(findings[1]?.title).toContain('HTTP/nospn.lab.test');
    expect(findings[1]?.evidence).toContainEqual(expect.objectContaining({ source: 'netlog', name: 'AUTH_LIBRARY_INIT_SEC_CTX' }));
  });

  it('no-kerberos-credentials from an empty credentials cache or SEC_E_NO_CREDENTIALS', () => {
    expect(
      withLibrary({
        events: [{ event: 'AUTH_LIBRARY_ACQUIRE_CREDS', detail: 'No Kerberos credentials available (default cache: FILE:/tmp/krb5cc_0)' }],
      }),
    ).toEqual(['no-token-sent', 'no-kerberos-credentials']);
    expect(
      withLibrary({ events: [{ event: 'AUTH_LIBRARY_ACQUIRE_CREDS', detail: 'status: SEC_E_NO_CREDENTIALS (0x8009030E)' }] }),
    ).toContain('no-kerberos-credentials');
  });

  it('stays silent on exchanges where a token was sent', () => {
    expect(diagnoseExchange(mainExchange(recordingOf('firefox', 'kerberos-ok'))).map((finding) => finding.id)).not.toContain(
      'no-token-sent',
    );
  });
});
