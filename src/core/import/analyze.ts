// `authscope analyze` and the panel's file import: detects the format (NetLog, HAR, IIS W3C log) and turns the
// file into exchanges and findings with the same engine as live capture.
import { explainIisLog } from '../iis-log/explain';
import type { Finding } from '../diagnosis/finding';
import type { Exchange } from '../exchange/model';
import { NetLogExchanges } from '../netlog/exchanges';
import { NetLogReader } from '../netlog/reader';
import { type Problem, type Result, fail, ok } from '../result';
import { importHar } from './har';

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

/** Imports a whole file's text (HAR and IIS logs; NetLogs too when small enough to hold). */
export function importText(text: string): Result<ImportedSession> {
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
