// W3C extended log files as IIS writes them (u_exYYMMDD.log): "#Fields:" names the space-separated columns, "-"
// is an empty value, "+" stands for spaces inside a value (cs(User-Agent)). A new "#Fields:" may appear mid-file
// (after a restart or a logging change). Never throws: lines that do not fit are reported with their number.
import { type Problem, type Result, fail, ok, problem } from '../../decode/result';

export interface LogEntry {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly time: string | null;
  readonly clientIp: string | null;
  readonly method: string | null;
  readonly uri: string;
  readonly port: string | null;
  readonly username: string | null;
  readonly userAgent: string | null;
  readonly status: number;
  readonly substatus: number | null;
  readonly win32Status: number | null;
  /** cs-bytes: the request size, when logged (“Troubleshoot Kerberos failures in Internet Explorer” reads Kerberos vs NTLM from it). */
  readonly requestBytes: number | null;
  readonly timeTaken: number | null;
}

export interface ParsedLog {
  readonly entries: readonly LogEntry[];
  readonly fields: readonly string[];
}

/** Most lines read from one log; beyond it the rest is reported as skipped, never silently dropped. */
export const MAX_LOG_LINES = 1_000_000;

const value = (text: string | undefined): string | null => (text === undefined || text === '-' ? null : text);
const number = (text: string | undefined): number | null => {
  const parsed = value(text);
  return parsed !== null && /^\d+$/.test(parsed) ? Number(parsed) : null;
};

export function parseW3cLog(text: string): Result<ParsedLog> {
  const warnings: Problem[] = [];
  const entries: LogEntry[] = [];
  let fields: string[] | null = null;
  let lastFields: string[] = [];
  const lines = text.split(/\r?\n/);
  if (lines.length > MAX_LOG_LINES)
    warnings.push(problem('iis-log-truncated', `only the first ${MAX_LOG_LINES} lines were read`, MAX_LOG_LINES));
  for (let index = 0; index < Math.min(lines.length, MAX_LOG_LINES); index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      if (/^#Fields:/i.test(line)) {
        fields = line.slice('#Fields:'.length).trim().split(/\s+/);
        lastFields = fields;
      }
      continue;
    }
    if (!fields) {
      warnings.push(problem('iis-log-no-fields', `line ${index + 1}: data before any #Fields: header`, index + 1));
      continue;
    }
    const columns = line.split(/\s+/);
    if (columns.length !== fields.length) {
      warnings.push(problem('iis-log-column-count', `line ${index + 1}: ${columns.length} values for ${fields.length} fields`, index + 1));
      continue;
    }
    const row = new Map(fields.map((name, column) => [name.toLowerCase(), columns[column]]));
    const status = number(row.get('sc-status'));
    if (status === null) {
      warnings.push(problem('iis-log-no-status', `line ${index + 1}: no sc-status`, index + 1));
      continue;
    }
    const stem = value(row.get('cs-uri-stem')) ?? '/';
    const query = value(row.get('cs-uri-query'));
    const date = value(row.get('date'));
    const clock = value(row.get('time'));
    entries.push({
      line: index + 1,
      time: date && clock ? `${date} ${clock}` : (clock ?? date),
      clientIp: value(row.get('c-ip')),
      method: value(row.get('cs-method')),
      uri: query ? `${stem}?${query}` : stem,
      port: value(row.get('s-port')),
      username: value(row.get('cs-username')),
      userAgent: value(row.get('cs(user-agent)'))?.replace(/\+/g, ' ') ?? null,
      status,
      substatus: number(row.get('sc-substatus')),
      win32Status: number(row.get('sc-win32-status')),
      requestBytes: number(row.get('cs-bytes')),
      timeTaken: number(row.get('time-taken')),
    });
  }
  if (lastFields.length === 0) return fail('iis-log-no-fields', 'not a W3C extended log: no "#Fields:" header line', 0);
  if (!lastFields.some((name) => name.toLowerCase() === 'sc-status'))
    return fail('iis-log-no-status-field', 'the #Fields: header has no sc-status column', 0);
  return ok({ entries, fields: lastFields }, warnings);
}
