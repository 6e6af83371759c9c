// Reads a Chromium NetLog (chrome://net-export, --log-net-log) as it streams in. net-export writes
// `{"constants": {...},\n"events": [\n` and then one event object per line (Chromium FileNetLogObserver), so
// each line is parsed on its own with the platform's JSON.parse: memory stays at one line plus what we keep, and
// a file cut off mid-write yields every complete event before the cut. Never throws.
import { type Problem, problem } from '../result';

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

export class NetLogReader {
  private buffer = '';
  private constants: NetLogConstants | null = null;
  private inEvents = false;
  private ended = false;
  private lineNumber = 0;
  private bytes = 0;
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
    this.bytes += chunk.length;
    this.buffer += chunk;
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
    if (this.buffer.trim()) this.line(this.buffer);
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
        const constants = (parsed as { constants?: NetLogConstants } | null)?.constants;
        if (constants?.logEventTypes && constants.logSourceType) {
          this.constants = constants;
          this.onConstants(constants);
        } else
          this.problems.push(problem('netlog-bad-constants', 'the "constants" object has no logEventTypes / logSourceType', this.bytes));
        if (line.includes('"events": [') || line.includes('"events":[')) this.inEvents = true;
        return;
      }
      if (/^"events"\s*:\s*\[/.test(line)) {
        this.inEvents = true;
        return;
      }
      if (this.constants === null && this.lineNumber === 1) {
        this.problems.push(problem('netlog-not-line-format', 'the file does not start with net-export\'s "{"constants":" line', 0));
      }
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
    const event = this.parse(text) as NetLogEvent | null;
    if (!event || typeof event.type !== 'number' || typeof event.source?.id !== 'number') {
      this.problems.push(problem('netlog-bad-event', `line ${this.lineNumber}: not an event`, this.bytes));
      return;
    }
    this.eventsRead++;
    this.onEvent({ ...event, time: Number(event.time) });
  }

  private parse(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }
}
