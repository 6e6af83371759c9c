// Reads a Chromium NetLog (chrome://net-export, --log-net-log) as it streams in. net-export writes
// `{"constants": {...},\n"events": [\n` and then one event object per line (Chromium FileNetLogObserver), so
// each line is parsed on its own with the platform's JSON.parse: memory stays at one line plus what we keep, and
// a file cut off mid-write yields every complete event before the cut. A NetLog re-saved as ordinary JSON (one
// line, or pretty-printed) goes through a character scanner instead (json-scanner.ts). Never throws.
import { type Problem, problem } from '../../decode/result';
import { NetLogJsonScanner } from './json-scanner';

export interface NetLogEvent {
  readonly type: number;
  readonly phase: number;
  readonly time: number;
  readonly source: { readonly id: number; readonly type: number };
  readonly params?: Record<string, unknown>;
}

export interface NetLogConstants {
  readonly logEventTypes: Readonly<Record<string, number>>;
  readonly logSourceType: Readonly<Record<string, number>>;
  readonly logEventPhase?: Readonly<Record<string, number>>;
  readonly netError?: Readonly<Record<string, number>>;
  readonly clientInfo?: { readonly name?: string; readonly version?: string };
}

/** Longest line we accept (one event); longer ones are reported and skipped, never buffered without bound. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

/** How much of a file without a line break is read before it is taken for one-line JSON (net-export's first line,
 *  the constants, is a few hundred KB). */
const MAX_FIRST_LINE_CHARS = 8 * 1024 * 1024;

/** net-export's first line: the constants object, then a comma (and sometimes the events array's opening). */
const isNetExportFirstLine = (line: string): boolean => line.startsWith('{"constants":') && /(,|\[)$/.test(line);

export class NetLogReader {
  private buffer = '';
  private constants: NetLogConstants | null = null;
  private inEvents = false;
  private ended = false;
  private lineNumber = 0;
  private bytes = 0;
  private mode: 'undecided' | 'lines' | 'json' = 'undecided';
  private scanner: NetLogJsonScanner | null = null;
  readonly problems: Problem[] = [];
  eventsRead = 0;

  /** `onConstants` runs once, before any event; `onEvent` runs for each complete event, in file order. */
  constructor(
    private readonly onConstants: (constants: NetLogConstants) => void,
    private readonly onEvent: (event: NetLogEvent) => void,
  ) {}

  /** Characters read so far (for progress). */
  get charactersRead(): number {
    return this.bytes;
  }

  push(chunk: string): void {
    if (this.scanner) {
      this.scanner.push(chunk, this.bytes);
      this.bytes += chunk.length;
      return;
    }
    this.bytes += chunk.length;
    this.buffer += chunk;
    if (this.mode === 'undecided') {
      const newline = this.buffer.indexOf('\n');
      if (newline < 0 ? this.buffer.length > MAX_FIRST_LINE_CHARS : !isNetExportFirstLine(this.buffer.slice(0, newline).trim())) {
        this.readAsJson();
        return;
      }
      if (newline >= 0) this.mode = 'lines';
      else return;
    }
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      this.line(this.buffer.slice(0, newline));
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf('\n');
    }
    if (this.buffer.length > MAX_LINE_CHARS) {
      this.problems.push(
        problem('netlog-line-too-long', `line ${this.lineNumber + 1} is longer than ${MAX_LINE_CHARS} characters; skipped`, this.bytes),
      );
      this.buffer = '';
    }
  }

  /** Ends the input; reports a file that stopped before its closing "]}" (net-export killed mid-write). */
  end(): void {
    if (this.mode === 'undecided' && this.buffer.trim()) {
      if (isNetExportFirstLine(this.buffer.trim())) this.mode = 'lines';
      else this.readAsJson();
    }
    if (this.scanner) this.ended = this.scanner.eventsClosed || this.scanner.complete;
    else if (this.buffer.trim()) this.line(this.buffer);
    this.buffer = '';
    if (!this.constants) this.problems.push(problem('netlog-no-constants', 'not a Chromium NetLog: no "constants" object at the start', 0));
    else if (!this.ended) {
      this.problems.push(
        problem(
          'netlog-truncated',
          `the file ends before the event list is closed (cut off mid-write); ${this.eventsRead} complete events recovered`,
          this.bytes,
        ),
      );
    }
  }

  /** The file is ordinary JSON: hand what was buffered, and all that follows, to the character scanner. */
  private readAsJson(): void {
    this.mode = 'json';
    this.scanner = new NetLogJsonScanner(
      {
        constants: (text) => this.acceptConstants(this.parse(text) as NetLogConstants | null),
        event: (text) => this.acceptEvent(this.parse(text) as NetLogEvent | null),
      },
      this.problems,
      MAX_LINE_CHARS,
    );
    const held = this.buffer;
    this.buffer = '';
    this.scanner.push(held, this.bytes - held.length);
  }

  private acceptConstants(constants: NetLogConstants | null): void {
    if (constants?.logEventTypes && constants.logSourceType) {
      this.constants = constants;
      this.onConstants(constants);
    } else this.problems.push(problem('netlog-bad-constants', 'the "constants" object has no logEventTypes / logSourceType', this.bytes));
  }

  /** One event, if it is one; reports what is not. */
  private acceptEvent(event: NetLogEvent | null): void {
    if (!event || typeof event.type !== 'number' || typeof event.source?.id !== 'number') {
      this.problems.push(
        problem('netlog-bad-event', `${this.scanner ? 'an element of "events"' : `line ${this.lineNumber}`}: not an event`, this.bytes),
      );
      return;
    }
    if (!this.constants) return;
    this.eventsRead++;
    this.onEvent({ ...event, time: Number(event.time) });
  }

  get hasConstants(): boolean {
    return this.constants !== null;
  }

  private line(raw: string): void {
    this.lineNumber++;
    const line = raw.trim();
    if (!line) return;
    if (this.ended) return;
    if (!this.inEvents) {
      if (line.startsWith('{"constants":')) {
        // `{"constants": {...},` — close the object to parse the constants alone.
        const parsed = this.parse(`${line.replace(/,$/, '')}}`);
        this.acceptConstants((parsed as { constants?: NetLogConstants } | null)?.constants ?? null);
        if (line.includes('"events": [') || line.includes('"events":[')) this.inEvents = true;
        return;
      }
      if (/^"events"\s*:\s*\[/.test(line)) this.inEvents = true;
      return;
    }
    if (line.startsWith(']')) {
      // `]` or `],` then polledData and `}`: the event list is complete.
      this.ended = true;
      this.inEvents = false;
      return;
    }
    // The last event carries the list's end: `{...}],` (then "polledData" and `}`), or `{...}]}`.
    const last = /\}\s*\](,|\s*\})?$/.exec(line);
    let text = line.endsWith(',') && !last ? line.slice(0, -1) : line;
    if (last) {
      text = line.slice(0, last.index + 1);
      this.ended = true;
      this.inEvents = false;
    }
    this.acceptEvent(this.parse(text) as NetLogEvent | null);
  }

  private parse(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }
}
