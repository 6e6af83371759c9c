import { describe, expect, it } from 'vitest';
import { explainIisLog } from '../../../../src/core/import/iis-log/explain';
import { parseW3cLog } from '../../../../src/core/import/iis-log/parse';
import { describeWin32Status, win32StatusName } from '../../../../src/core/import/iis-log/status-codes';

// Field layout and the 401.1 line of Microsoft KB2749007 (Microsoft KB2749007); the others follow “Windows Authentication HTTP Request Flow in IIS”'s flows.
const FIELDS =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken';
const line = (time: string, uri: string, user: string, client: string, status: string) =>
  `2012-08-22 ${time} 10.0.0.5 GET ${uri} - 80 ${user} ${client} Mozilla/4.0+(compatible;+MSIE+7.0) ${status} 15`;

const LOG = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  FIELDS,
  line('17:41:01', '/App1/default.aspx', '-', '10.0.0.20', '401 2 5'),
  line('17:41:01', '/App1/default.aspx', 'CORP\\alice', '10.0.0.20', '200 0 0'),
  line('17:41:05', '/legacy/', '-', '10.0.0.21', '401 2 5'),
  line('17:41:05', '/legacy/', '-', '10.0.0.21', '401 1 2148074254'),
  line('17:41:05', '/legacy/', 'CORP\\bob', '10.0.0.21', '200 0 0'),
  line('17:41:09', '/App1/default.aspx', '-', '10.0.0.22', '401 1 2148074254'),
  line('17:41:12', '/secure/', '-', '10.0.0.23', '401 2 5'),
  line('17:41:12', '/secure/', '-', '10.0.0.23', '401 1 2148074252'),
  'garbage line',
  line('17:41:15', '/files/report.pdf', 'CORP\\carol', '10.0.0.24', '401 3 5'),
].join('\r\n');

describe('sc-win32-status names (winerror.h)', () => {
  it('names SSPI statuses logged as unsigned decimals and Win32 errors', () => {
    expect(describeWin32Status(2148074254)).toBe('2148074254 (0x8009030E SEC_E_NO_CREDENTIALS)');
    expect(win32StatusName(2148074252)?.name).toBe('SEC_E_LOGON_DENIED');
    expect(win32StatusName(2148074248)?.name).toBe('SEC_E_INVALID_TOKEN');
    expect(win32StatusName(1909)?.name).toBe('ERROR_ACCOUNT_LOCKED_OUT');
    expect(describeWin32Status(5)).toBe('5 (ERROR_ACCESS_DENIED)');
    expect(describeWin32Status(2148074487)).toBe('2148074487 (0x800903F7)');
  });
});

describe('parseW3cLog', () => {
  it('reads the columns #Fields: names, decodes "+" and "-", and reports lines that do not fit', () => {
    const result = parseW3cLog(LOG);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.entries).toHaveLength(9);
    expect(result.value.entries[1]).toMatchObject({
      line: 5,
      username: 'CORP\\alice',
      status: 200,
      substatus: 0,
      win32Status: 0,
      userAgent: 'Mozilla/4.0 (compatible; MSIE 7.0)',
    });
    expect(result.value.entries[0]?.username).toBeNull();
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'iis-log-column-count', offset: 12 })]);
  });

  it('refuses text that is not a W3C log, with a clear error', () => {
    expect(parseW3cLog('hello\nworld')).toMatchObject({ ok: false, error: { code: 'iis-log-no-fields' } });
    expect(parseW3cLog('#Fields: date time\n2024-01-01 00:00:00')).toMatchObject({ ok: false, error: { code: 'iis-log-no-status-field' } });
    expect(parseW3cLog('')).toMatchObject({ ok: false });
  });

  it("reads lines pasted without #Fields: with IIS's default field set, and says so", () => {
    const single = '2026-11-22 06:00:00 10.0.0.1 GET /app - 80 - 10.0.0.9 Mozilla/5.0 - 401 1 2148074254 15';
    const result = parseW3cLog(single);
    expect(result).toMatchObject({ ok: true, value: { defaultFields: true }, warnings: [{ code: 'iis-log-default-fields' }] });
    expect(result.ok && result.value.entries[0]).toMatchObject({
      uri: '/app',
      clientIp: '10.0.0.9',
      status: 401,
      substatus: 1,
      win32Status: 2148074254,
    });
    expect(parseW3cLog('2026-11-22 06:00:00 10.0.0.1 GET /app - 401 1 5')).toMatchObject({
      ok: false,
      error: { code: 'iis-log-no-fields' },
    });
    const explained = explainIisLog(single);
    expect(explained.ok && explained.value.assumedFields).toContain('sc-win32-status');
    expect(explained.ok && explained.value.skipped).toEqual([]);
  });

  it('follows a #Fields: header that changes mid-file', () => {
    const result = parseW3cLog(
      `${FIELDS}\n${line('1:00:00', '/a', '-', '1.1.1.1', '401 2 5')}\n#Fields: c-ip cs-uri-stem sc-status cs-bytes\n1.1.1.1 /a 200 2480`,
    );
    expect(result.ok && result.value.entries.map((entry) => [entry.status, entry.requestBytes])).toEqual([
      [401, null],
      [200, 2480],
    ]);
  });
});

describe('explainIisLog', () => {
  const explained = explainIisLog(LOG);
  const stories = explained.ok ? explained.value.stories : [];
  const story = (client: string) => stories.find((candidate) => candidate.clientIp === client);

  it('reads "401 2 5" as the normal first leg and names every status', () => {
    expect(explained.ok && explained.value.entries[0]).toMatchObject({ status: '401.2', severity: 'ok' });
    expect(explained.ok && explained.value.entries.at(-1)?.meaning).toContain('ACL');
    expect(explained.ok && explained.value.skipped).toEqual([{ line: 12, reason: expect.stringContaining('values for 14 fields') }]);
  });

  it('tells each client’s handshake per URL as a story with a finding', () => {
    expect(story('10.0.0.20')).toMatchObject({ chain: '401.2 → 200', finding: { id: 'iis-substatus', severity: 'info' } });
    expect(story('10.0.0.20')?.finding.explanation).toContain('cs-bytes');
    expect(story('10.0.0.21')).toMatchObject({ chain: '401.2 → 401.1 → 200', finding: { id: 'ntlm-used' } });
    expect(story('10.0.0.22')).toMatchObject({ chain: '401.1', finding: { id: 'preauth-first-request', severity: 'error' } });
    expect(story('10.0.0.23')?.finding).toMatchObject({ id: 'iis-substatus', severity: 'error' });
    expect(story('10.0.0.23')?.finding.explanation).toContain('SEC_E_LOGON_DENIED');
    expect(story('10.0.0.23')?.finding.evidence.map((evidence) => evidence.name)).toEqual(['line 10', 'line 11']);
  });

  it('never lets a line and its story disagree, and gives fixes where the story has them', () => {
    const entries = explained.ok ? explained.value.entries : [];
    const preauthLine = entries.find((item) => item.entry.clientIp === '10.0.0.22');
    expect(preauthLine).toMatchObject({ severity: 'error', meaning: expect.stringContaining('KB2749007') });
    expect(preauthLine?.meaning).not.toMatch(/normal/i);
    expect(
      story('10.0.0.22')
        ?.finding.fixes.map((fix) => fix.text)
        .join(' '),
    ).toMatch(/DisableNTLMPreAuth.*kernel-mode/s);
    const midHandshake = entries.find((item) => item.entry.clientIp === '10.0.0.21' && item.status === '401.1');
    expect(midHandshake).toMatchObject({ severity: 'ok', meaning: expect.stringContaining('Normal in the middle of an NTLM handshake') });
    expect(midHandshake?.meaning).not.toContain('KB2749007');
    expect(story('10.0.0.23')?.finding.fixes.length).toBeGreaterThan(0);
  });

  it('estimates the mechanism from cs-bytes when logged', () => {
    const log =
      '#Fields: c-ip cs-uri-stem sc-status sc-substatus sc-win32-status cs-bytes\n1.1.1.1 /a 401 2 5 400\n1.1.1.1 /a 200 0 0 2890';
    const result = explainIisLog(log);
    expect(result.ok && result.value.stories[0]?.finding.id).toBe('size-says-kerberos');
  });

  it('calls five refusals in a row a loop', () => {
    const rows = Array.from({ length: 5 }, () => '1.1.1.1 /loop 401 1 2148074252').join('\n');
    const result = explainIisLog(`#Fields: c-ip cs-uri-stem sc-status sc-substatus sc-win32-status\n1.1.1.1 /loop 401 2 5\n${rows}`);
    expect(result.ok && result.value.stories[0]?.finding).toMatchObject({ id: 'auth-loop', severity: 'error' });
    expect(result.ok && result.value.stories[0]?.finding.fixes.length).toBeGreaterThan(0);
  });
});
