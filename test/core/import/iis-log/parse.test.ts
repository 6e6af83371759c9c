import { describe, expect, it } from 'vitest';
import { explainIisLog } from '../../../../src/core/import/iis-log/explain';
import { IIS_DEFAULT_FIELDS, parseW3cLog } from '../../../../src/core/import/iis-log/parse';

// IIS's default W3C layout (IIS 7 and later); sc-status, sc-substatus, sc-win32-status and time-taken are written last.
const HEADER = `#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Fields: ${IIS_DEFAULT_FIELDS.join(' ')}`;
const FULL = '2026-11-22 06:00:00 10.0.0.1 GET /app - 80 - 10.0.0.9 Mozilla/5.0 - 401 2 5 15';

describe('parseW3cLog — lines whose value count differs from #Fields', () => {
  it('reads a line with a value missing best-effort: the status fields from the end, the rest from the start', () => {
    // cs(Referer) dropped: 14 values for 15 fields.
    const short = '2026-11-22 06:00:01 10.0.0.1 GET /app - 80 CORP\\alice 10.0.0.9 Mozilla/5.0 401 1 2148074254 31';
    const result = parseW3cLog(`${HEADER}\n${FULL}\n${short}`);
    expect(result.ok && result.value.entries[1]).toMatchObject({
      line: 5,
      time: '2026-11-22 06:00:01',
      uri: '/app',
      username: 'CORP\\alice',
      clientIp: '10.0.0.9',
      status: 401,
      substatus: 1,
      win32Status: 2148074254,
      timeTaken: 31,
      bestEffort: true,
    });
    expect(result.ok && result.value.entries[0]?.bestEffort).toBe(false);
    expect(result.ok && result.warnings).toEqual([
      expect.objectContaining({
        code: 'iis-log-misaligned',
        offset: 5,
        message: expect.stringMatching(/^line 5: 14 values for 15 fields: read best-effort/),
      }),
    ]);
  });

  it('reads a line with an extra value (a user agent with a raw space) the same way', () => {
    const long = '2026-11-22 06:00:02 10.0.0.1 GET /app - 80 - 10.0.0.9 Mozilla/5.0 (X11) - 200 0 0 12';
    const result = parseW3cLog(`${HEADER}\n${long}`);
    expect(result.ok && result.value.entries[0]).toMatchObject({
      status: 200,
      substatus: 0,
      win32Status: 0,
      uri: '/app',
      bestEffort: true,
    });
  });

  it('skips a line whose end is no status code, and reads the others', () => {
    const result = parseW3cLog(`${HEADER}\n2026-11-22 06:00:00 10.0.0.1 GET\n${FULL}`);
    expect(result.ok && result.value.entries.map((entry) => entry.line)).toEqual([5]);
    expect(result.ok && result.warnings).toEqual([expect.objectContaining({ code: 'iis-log-column-count', offset: 4 })]);
  });

  it('refuses a log none of whose lines can be read instead of finding nothing (exit 2 in the CLI)', () => {
    expect(parseW3cLog(`${HEADER}\n2026-11-22 06:00:00 10.0.0.1 GET\n\u0000\u0001 garbage`)).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'iis-log-no-readable-lines',
        offset: 4,
        message: expect.stringContaining('none of the 2 log line(s) could be read; the first: line 4: 4 values for 15 fields'),
      }),
    });
    expect(parseW3cLog(HEADER)).toMatchObject({ ok: true, value: { entries: [] }, warnings: [] });
  });

  it('lists best-effort lines apart from the lines not read, for the views', () => {
    const short = '2026-11-22 06:00:01 10.0.0.1 GET /app - 80 - 10.0.0.9 Mozilla/5.0 401 2 5 15';
    const explained = explainIisLog(`${HEADER}\n${short}\nnot a line`);
    expect(explained.ok && explained.value.bestEffort).toEqual([{ line: 4, reason: expect.stringContaining('read best-effort') }]);
    expect(explained.ok && explained.value.skipped).toEqual([{ line: 5, reason: 'line 5: 3 values for 15 fields' }]);
  });
});
