// W3C extended log files as IIS writes them (u_exYYMMDD.log): "#Fields:" names the space-separated columns, "-"
// is an empty value, "+" stands for spaces inside a value (cs(User-Agent)). A new "#Fields:" may appear mid-file
// (after a restart or a logging change). Lines pasted without any "#Fields:" are read with IIS's default field set
// when they have its fifteen columns. Never throws: lines that do not fit are reported with their number.
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
  /** Read from a line whose value count differs from its #Fields: the status fields from the end, the rest from the
   *  start (values in between may be misplaced). */
  readonly bestEffort: boolean;
}

export interface ParsedLog {
  readonly entries: readonly LogEntry[];
  readonly fields: readonly string[];
  /** No "#Fields:" header: the lines were read with IIS's default field set (they had its 15 columns). */
  readonly defaultFields: boolean;
}

/** The fields IIS logs by default (W3C format, IIS 7 and later), for lines pasted without their "#Fields:" header. */
export const IIS_DEFAULT_FIELDS: readonly string[] = [
  'date',
  'time',
  's-ip',
  'cs-method',
  'cs-uri-stem',
  'cs-uri-query',
  's-port',
  'cs-username',
  'c-ip',
  'cs(User-Agent)',
  'cs(Referer)',
  'sc-status',
  'sc-substatus',
  'sc-win32-status',
  'time-taken',
];

/** Most lines read from one log; beyond it the rest is reported as skipped, never silently dropped. */
export const MAX_LOG_LINES = 1_000_000;

/** A line in IIS's default field layout: fifteen columns, starting with a date and a time, a status in the twelfth. */
export function isDefaultFieldsLine(line: string): boolean {
  const columns = line.trim().split(/\s+/);
  return (
    columns.length === IIS_DEFAULT_FIELDS.length &&
    /^\d{4}-\d{2}-\d{2}$/.test(columns[0] ?? '') &&
    /^\d{2}:\d{2}:\d{2}$/.test(columns[1] ?? '') &&
    /^\d{3}$/.test(columns[11] ?? '')
  );
}

const value = (text: string | undefined): string | null => (text === undefined || text === '-' ? null : text);
const number = (text: string | undefined): number | null => {
  const parsed = value(text);
  return parsed !== null && /^\d+$/.test(parsed) ? Number(parsed) : null;
};

/**
 * A line with more or fewer values than its #Fields, read the way IIS writes: sc-status, sc-substatus and
 * sc-win32-status come last (only time-taken and the byte counts may follow), so everything from sc-status on is read
 * from the end of the line and the fields before it from the start; a field neither reaches stays empty. Null when
 * the value read as sc-status is not a status code: the line is not one of this log's.
 */
function alignFromBothEnds(fields: readonly string[], columns: readonly string[]): Map<string, string | undefined> | null {
  const statusAt = fields.findIndex((name) => name.toLowerCase() === 'sc-status');
  const tail = fields.length - statusAt;
  if (statusAt < 0 || columns.length < tail) return null;
  const head = Math.min(statusAt, columns.length - tail);
  const row = new Map<string, string | undefined>(
    fields.map((name, index) => [
      name.toLowerCase(),
      index >= statusAt ? columns[columns.length - fields.length + index] : index < head ? columns[index] : undefined,
    ]),
  );
  return /^\d{3}$/.test(row.get('sc-status') ?? '') ? row : null;
}

export function parseW3cLog(text: string): Result<ParsedLog> {
  const warnings: Problem[] = [];
  const entries: LogEntry[] = [];
  let fields: readonly string[] | null = null;
  let lastFields: readonly string[] = [];
  let defaultFields = false;
  let dataLines = 0;
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
    const columns = line.split(/\s+/);
    if (!fields && lastFields.length === 0 && isDefaultFieldsLine(line)) {
      fields = lastFields = IIS_DEFAULT_FIELDS;
      defaultFields = true;
      warnings.push(
        problem(
          'iis-log-default-fields',
          `no #Fields: header: read with IIS's default fields (${IIS_DEFAULT_FIELDS.join(' ')})`,
          index + 1,
        ),
      );
    }
    if (!fields) {
      warnings.push(problem('iis-log-no-fields', `line ${index + 1}: data before any #Fields: header`, index + 1));
      continue;
    }
    dataLines++;
    const row =
      columns.length === fields.length
        ? new Map(fields.map((name, column) => [name.toLowerCase(), columns[column]]))
        : alignFromBothEnds(fields, columns);
    if (!row) {
      warnings.push(problem('iis-log-column-count', `line ${index + 1}: ${columns.length} values for ${fields.length} fields`, index + 1));
      continue;
    }
    const bestEffort = columns.length !== fields.length;
    if (bestEffort) {
      warnings.push(
        problem(
          'iis-log-misaligned',
          `line ${index + 1}: ${columns.length} values for ${fields.length} fields: read best-effort — sc-status, sc-substatus and sc-win32-status from the end of the line (IIS writes them last), the fields before from its start; values in between may be misplaced`,
          index + 1,
        ),
      );
    }
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
      bestEffort,
    });
  }
  if (lastFields.length === 0)
    return fail(
      'iis-log-no-fields',
      `not a W3C extended log: no "#Fields:" header line, and no line with IIS's ${IIS_DEFAULT_FIELDS.length} default fields`,
      0,
    );
  if (!lastFields.some((name) => name.toLowerCase() === 'sc-status'))
    return fail('iis-log-no-status-field', 'the #Fields: header has no sc-status column', 0);
  const unread = warnings.find((warning) => warning.code !== 'iis-log-default-fields' && warning.code !== 'iis-log-truncated');
  if (dataLines > 0 && entries.length === 0 && unread) {
    // Nothing read from lines that were there is no "nothing found": say why, as the error.
    return fail(
      'iis-log-no-readable-lines',
      `none of the ${dataLines} log line(s) could be read; the first: ${unread.message}`,
      unread.offset,
    );
  }
  return ok({ entries, fields: lastFields, defaultFields }, warnings);
}
