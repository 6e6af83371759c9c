// `authscope analyze` and the panel's file import: detects the format (NetLog, HAR, IIS W3C log) and turns the
// file into exchanges and findings with the same engine as live capture.
import { explainIisLog } from './iis-log/explain';
import { isDefaultFieldsLine } from './iis-log/parse';
import type { Finding } from '../diagnosis/finding';
import type { Exchange } from '../exchange/model';
import { NetLogExchanges } from './netlog/exchanges';
import { NetLogReader } from './netlog/reader';
import { type Problem, type Result, fail, ok } from '../decode/result';
import { importHar } from './har/read-har';

export type ImportSource = 'netlog' | 'har' | 'iis-log';

export interface ImportedSession {
  readonly source: ImportSource;
  readonly browser: string | null;
  readonly exchanges: readonly Exchange[];
  /** Findings that stand without an exchange (IIS log stories). */
  readonly findings: readonly Finding[];
}

/** The format of a file from its first characters. */
export function detectFormat(head: string): ImportSource | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  // net-export starts with the constants; a JSON tool may have re-saved it with the event list first.
  if (text.startsWith('{"constants":') || /^\{\s*"(constants|events)"\s*:/.test(text)) return 'netlog';
  if (/^\{\s*"log"\s*:/.test(text)) return 'har';
  if (/^#(Software|Version|Date|Fields):/m.test(text.slice(0, 4096))) return 'iis-log';
  if (isDefaultFieldsLine(text.split(/\r?\n/, 1)[0] ?? '')) return 'iis-log';
  return null;
}

/** A streaming NetLog import: push text chunks as they are read, then finish. */
export class NetLogImport {
  private readonly collector = new NetLogExchanges();
  private readonly reader = new NetLogReader(
    (constants) => this.collector.onConstants(constants),
    (event) => this.collector.onEvent(event),
  );

  push(chunk: string): void {
    this.reader.push(chunk);
  }

  get charactersRead(): number {
    return this.reader.charactersRead;
  }

  finish(): Result<ImportedSession> {
    this.reader.end();
    if (!this.reader.hasConstants) return fail('netlog-no-constants', 'not a Chromium NetLog: no "constants" object at the start', 0);
    return ok(
      { source: 'netlog', browser: this.collector.browser, exchanges: this.collector.exchanges(), findings: [] },
      this.reader.problems,
    );
  }
}

/** Leading whitespace a real file never has this much of: past it, the file is not a known format. */
export const MAX_LEADING_WHITESPACE = 1024 * 1024;
/** HAR files and IIS logs are read whole; past this size they are refused with a clear message. */
export const MAX_WHOLE_FILE_CHARS = 256 * 1024 * 1024;
/** Characters of a file's head that decide its format. */
const HEAD_CHARS = 4096;

/**
 * A file of any format, pushed in chunks as it is read (the CLI and the panel's import share it): the format is
 * decided from a bounded head after leading whitespace, a NetLog streams through its reader, a HAR or IIS log is held
 * whole up to MAX_WHOLE_FILE_CHARS. Never throws: an importer failure becomes an error result.
 */
export class FileImport {
  private head = '';
  private skipped = 0;
  private held: string[] = [];
  private heldChars = 0;
  private netlog: NetLogImport | null = null;
  private refused: Result<ImportedSession> | null = null;

  push(chunk: string): void {
    if (this.refused) return;
    try {
      if (this.netlog) {
        this.netlog.push(chunk);
        return;
      }
      let text = chunk;
      if (this.head.length === 0 && this.held.length === 0) {
        const start = text.search(/[^\s\uFEFF]/);
        this.skipped += start < 0 ? text.length : start;
        if (this.skipped > MAX_LEADING_WHITESPACE) {
          this.refused = fail(
            'unknown-format',
            `not a known format: the file starts with more than ${MAX_LEADING_WHITESPACE} whitespace characters`,
            0,
          );
          return;
        }
        if (start < 0) return;
        text = text.slice(start);
      }
      if (this.head.length < HEAD_CHARS) this.head += text.slice(0, HEAD_CHARS - this.head.length);
      this.held.push(text);
      this.heldChars += text.length;
      if (this.head.length >= HEAD_CHARS && detectFormat(this.head) === 'netlog') this.startNetLog();
      else if (this.heldChars > MAX_WHOLE_FILE_CHARS) {
        this.refused = fail(
          'file-too-large',
          `larger than ${MAX_WHOLE_FILE_CHARS / 1024 / 1024} MB: HAR files and IIS logs are read whole; split it`,
          0,
        );
        this.held = [];
      }
    } catch (error) {
      this.refused = importerFailure(error);
    }
  }

  /** Characters read so far, leading whitespace included (for progress). */
  get charactersRead(): number {
    return this.skipped + this.heldChars + (this.netlog?.charactersRead ?? 0);
  }

  finish(): Result<ImportedSession> {
    if (this.refused) return this.refused;
    try {
      if (!this.netlog && detectFormat(this.head) === 'netlog') this.startNetLog();
      if (this.netlog) return this.netlog.finish();
      const text = this.held.join('');
      this.held = [];
      return importText(text);
    } catch (error) {
      return importerFailure(error);
    }
  }

  private startNetLog(): void {
    this.netlog = new NetLogImport();
    for (const piece of this.held) this.netlog.push(piece);
    this.held = [];
    this.heldChars = 0;
  }
}

/** An importer's own failure, as a one-line error (it is our bug or a file we do not handle, never a crash). */
function importerFailure(error: unknown): Result<ImportedSession> {
  const message = error instanceof Error ? error.message : String(error);
  return fail('import-failed', `the file could not be analyzed: ${message.split('\n')[0]}`, 0);
}

/** Imports a whole file's text (HAR and IIS logs; NetLogs too when small enough to hold). */
export function importText(raw: string): Result<ImportedSession> {
  // A byte-order mark (Notepad and .NET write one) is not part of the content.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const format = detectFormat(text.slice(0, 4096));
  if (format === 'netlog') {
    const netlog = new NetLogImport();
    netlog.push(text);
    return netlog.finish();
  }
  if (format === 'har') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return fail('har-bad-json', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`, 0);
    }
    const har = importHar(parsed);
    if (!har.ok) return har;
    return ok({ source: 'har', browser: har.value.creator, exchanges: har.value.exchanges, findings: [] }, har.warnings);
  }
  if (format === 'iis-log') {
    const log = explainIisLog(text);
    if (!log.ok) return log;
    return ok(
      { source: 'iis-log', browser: null, exchanges: [], findings: log.value.stories.map((story) => story.finding) },
      log.warnings as Problem[],
    );
  }
  return fail('unknown-format', 'not a NetLog (chrome://net-export JSON), a HAR file, or an IIS W3C log', 0);
}
