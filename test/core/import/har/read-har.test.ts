import { describe, expect, it } from 'vitest';
import { diagnoseExchange } from '../../../../src/core/diagnosis/findings';
import { importHar } from '../../../../src/core/import/har/read-har';
import { importText } from '../../../../src/core/import/file-import';
import { summarizeExchange } from '../../../../src/core/exchange/summary';
import { labToken } from '../../../helpers/fixtures';

const entry = (url: string, status: number, requestHeaders: [string, string][], responseHeaders: [string, string][]) => ({
  startedDateTime: '2026-11-22T06:00:00.000Z',
  request: { method: 'GET', url, headers: requestHeaders.map(([name, value]) => ({ name, value })) },
  response: { status, statusText: '', httpVersion: 'HTTP/1.1', headers: responseHeaders.map(([name, value]) => ({ name, value })) },
});

const url = 'http://legacy.lab.test/iis/';
/** Fiddler: one entry per leg of the NTLM handshake (lab tokens). */
const fiddler = {
  log: {
    creator: { name: 'Fiddler', version: '5.0' },
    entries: [
      entry(
        url,
        401,
        [],
        [
          ['WWW-Authenticate', 'Negotiate'],
          ['WWW-Authenticate', 'NTLM'],
        ],
      ),
      entry(
        url,
        401,
        [['Authorization', `NTLM ${labToken('chromium-ntlm-negotiate')}`]],
        [['WWW-Authenticate', `NTLM ${labToken('lab-ntlm-challenge')}`]],
      ),
      entry(url, 200, [['Authorization', `NTLM ${labToken('chromium-ntlm-authenticate')}`]], [['Persistent-Auth', 'true']]),
    ],
  },
};

describe('HAR import', () => {
  it('joins Fiddler’s per-leg entries into one exchange and diagnoses it like live capture', () => {
    const result = importHar(fiddler);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.creator).toBe('Fiddler 5.0');
    const [exchange] = result.value.exchanges;
    expect(exchange?.legs.map((leg) => [leg.request?.credentials?.summary?.kind ?? null, leg.response?.status])).toEqual([
      [null, 401],
      ['ntlm-negotiate', 401],
      ['ntlm-authenticate', 200],
    ]);
    expect(diagnoseExchange(exchange!).map((finding) => finding.id)).toContain('ntlm-fallback');
  });

  it('says when a sanitized Chrome HAR dropped Authorization', () => {
    const chrome = {
      log: { creator: { name: 'WebInspector', version: '537.36' }, entries: [entry(url, 401, [], [['WWW-Authenticate', 'Negotiate']])] },
    };
    const result = importHar(chrome);
    expect(result.ok && result.warnings.map((warning) => warning.code)).toEqual(['har-no-authorization']);
  });

  it('takes the final status from the last leg: a lone 401, a refused Kerberos token, a 431', () => {
    const har = (entries: unknown[]) => importHar({ log: { creator: { name: 'Firefox', version: '153' }, entries } });
    const outcome = (entries: unknown[]) => {
      const result = har(entries);
      const [exchange] = result.ok ? result.value.exchanges : [];
      return (
        exchange && {
          status: exchange.finalStatus,
          outcome: summarizeExchange(exchange).outcome,
          ids: diagnoseExchange(exchange).map((finding) => finding.id),
        }
      );
    };
    expect(outcome([entry(url, 401, [], [['WWW-Authenticate', 'Negotiate']])])).toMatchObject({ status: 401, outcome: 'no-token-sent' });
    const rejected = outcome([
      entry('http://stale.lab.test/', 401, [], [['WWW-Authenticate', 'Negotiate']]),
      entry(
        'http://stale.lab.test/',
        401,
        [['Authorization', `Negotiate ${labToken('chromium-negotiate-ap-req')}`]],
        [['WWW-Authenticate', `Negotiate ${labToken('apache-reject-krb-error-badkeyver')}`]],
      ),
    ]);
    expect(rejected).toMatchObject({ status: 401, outcome: 'rejected' });
    expect(rejected?.ids).toEqual(expect.arrayContaining(['kerberos-rejected', 'kerberos-error']));
    expect(rejected?.ids).not.toContain('kerberos-ok');
    const tooLarge = outcome([
      entry('http://bloat.lab.test/', 401, [], [['WWW-Authenticate', 'Negotiate']]),
      entry('http://bloat.lab.test/', 431, [['Authorization', `Negotiate ${labToken('chromium-negotiate-ap-req')}`]], []),
    ]);
    expect(tooLarge?.status).toBe(431);
    expect(tooLarge?.ids).not.toContain('kerberos-ok');
  });

  it('reads a HAR saved with a byte-order mark', () => {
    expect(importText(`\uFEFF${JSON.stringify(fiddler)}`)).toMatchObject({ ok: true, value: { source: 'har', browser: 'Fiddler 5.0' } });
  });

  it('rejects what is not a HAR, with a code', () => {
    expect(importHar({ nope: true })).toMatchObject({ ok: false, error: { code: 'har-no-entries' } });
    expect(importText('{"log": {')).toMatchObject({ ok: false, error: { code: 'har-bad-json' } });
    expect(importText(JSON.stringify(fiddler))).toMatchObject({ ok: true, value: { source: 'har', browser: 'Fiddler 5.0' } });
  });
});
