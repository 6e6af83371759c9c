import { describe, expect, it } from 'vitest';
import { serverOf } from '../../../src/core/exchange/server';
import { mainExchange, recordingOf, syntheticExchange } from '../../../tools/fixtures/recordings';

const CHALLENGE = { name: 'WWW-Authenticate', value: 'Negotiate' };
const answeredBy = (server: string) =>
  serverOf(syntheticExchange('http://web.corp.example/', [{ status: 401, headers: [CHALLENGE, { name: 'Server', value: server }] }]));

describe('serverOf', () => {
  it('reads the lab Apache and its module from the Server header', () => {
    expect(serverOf(mainExchange(recordingOf('firefox', 'stale-keytab')))).toMatchObject({ kind: 'apache', module: 'mod_auth_gssapi' });
  });

  it('tells IIS (and http.sys answering for it), nginx and the rest apart', () => {
    expect(answeredBy('Microsoft-IIS/10.0')).toMatchObject({ kind: 'iis', module: null });
    expect(answeredBy('Microsoft-HTTPAPI/2.0')?.kind).toBe('iis');
    expect(answeredBy('Apache/2.2.15 (CentOS) mod_auth_kerb/5.4')).toMatchObject({ kind: 'apache', module: 'mod_auth_kerb' });
    expect(answeredBy('nginx/1.24.0')?.kind).toBe('nginx');
    expect(answeredBy('Kestrel')).toMatchObject({ kind: 'other', header: 'Kestrel' });
  });

  it('is null when no response names its server', () => {
    expect(serverOf(syntheticExchange('http://web.corp.example/', [{ status: 401, headers: [CHALLENGE] }]))).toBeNull();
  });
});
