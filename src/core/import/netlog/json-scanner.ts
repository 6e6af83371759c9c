// Streams a NetLog that is ordinary JSON rather than net-export's one-event-per-line layout: re-saved on one line by a
// JSON tool, or pretty-printed. A character scanner keeps only the top-level "constants" value and one "events"
// element at a time, so a file of any size is read in bounded memory; everything else ("polledData") is skipped.
import { type Problem, problem } from '../../decode/result';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

/** What the scanner hands on: the constants object's text, then each event object's text, in file order. */
export interface ScannedNetLog {
  constants(text: string): void;
  event(text: string): void;
}

export class NetLogJsonScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Reading a top-level key (depth 1, before its colon). */
  private expectingKey = false;
  private key = '';
  private keyText: string[] | null = null;
  private inEvents = false;
  /** The value being kept: constants (depth 2) or one event (depth 3); null while skipping. */
  private capture: string[] | null = null;
  private captureLength = 0;
  private captureDepth = 0;
  private captureKind: 'constants' | 'event' = 'event';
  private pendingEvents: string[] | null = [];
  private pendingLength = 0;
  private sawConstants = false;
  /** The top-level object closed: the file is complete. */
  complete = false;
  /** The events array closed. */
  eventsClosed = false;

  constructor(
    private readonly sink: ScannedNetLog,
    private readonly problems: Problem[],
    private readonly maxValueChars: number,
  ) {}

  push(chunk: string, offset: number): void {
    let captureFrom = this.capture ? 0 : -1;
    let keyFrom = this.keyText ? 0 : -1;
    for (let at = 0; at < chunk.length; at++) {
      const code = chunk.charCodeAt(at);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === BACKSLASH) this.escaped = true;
        else if (code === QUOTE) {
          this.inString = false;
          if (this.keyText && keyFrom >= 0) {
            this.keyText.push(chunk.slice(keyFrom, at));
            this.key = this.keyText.join('');
            this.keyText = null;
            keyFrom = -1;
          }
        }
        continue;
      }
      switch (code) {
        case QUOTE:
          this.inString = true;
          if (this.depth === 1 && this.expectingKey) {
            this.keyText = [];
            keyFrom = at + 1;
          }
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          this.depth++;
          if (this.depth === 1) this.expectingKey = code === OPEN_BRACE;
          else if (this.depth === 2 && this.key === 'constants' && code === OPEN_BRACE && !this.capture) {
            this.startCapture('constants');
            captureFrom = at;
          } else if (this.depth === 2 && this.key === 'events' && code === OPEN_BRACKET) this.inEvents = true;
          else if (this.depth === 3 && this.inEvents && code === OPEN_BRACE && !this.capture) {
            this.startCapture('event');
            captureFrom = at;
          }
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          if (this.capture && this.depth === this.captureDepth) {
            this.capture.push(chunk.slice(captureFrom, at + 1));
            this.finishCapture(offset + at);
            captureFrom = -1;
          }
          if (this.depth === 2 && this.inEvents && code === CLOSE_BRACKET) {
            this.inEvents = false;
            this.eventsClosed = true;
          }
          this.depth--;
          if (this.depth === 0) this.complete = true;
          break;
        case COLON:
          if (this.depth === 1) this.expectingKey = false;
          break;
        case COMMA:
          if (this.depth === 1) {
            this.expectingKey = true;
            this.key = '';
          }
          break;
        default:
          break;
      }
    }
    if (this.capture && captureFrom >= 0) {
      const rest = chunk.slice(captureFrom);
      this.captureLength += rest.length;
      if (this.captureLength > this.maxValueChars) {
        this.problems.push(
          problem('netlog-event-too-long', `a ${this.captureKind} value is longer than ${this.maxValueChars} characters; skipped`, offset),
        );
        this.capture = null;
      } else this.capture.push(rest);
    }
    if (this.keyText && keyFrom >= 0) this.keyText.push(chunk.slice(keyFrom));
  }

  private startCapture(kind: 'constants' | 'event'): void {
    this.capture = [];
    this.captureLength = 0;
    this.captureDepth = this.depth;
    this.captureKind = kind;
  }

  private finishCapture(offset: number): void {
    const text = (this.capture ?? []).join('');
    this.capture = null;
    if (this.captureKind === 'constants') {
      this.sawConstants = true;
      this.sink.constants(text);
      for (const event of this.pendingEvents ?? []) this.sink.event(event);
      this.pendingEvents = null;
      return;
    }
    if (this.sawConstants) {
      this.sink.event(text);
      return;
    }
    // Events before the constants (a tool that reordered the keys): kept until the constants arrive, within a bound.
    if (this.pendingEvents && this.pendingLength + text.length <= this.maxValueChars) {
      this.pendingEvents.push(text);
      this.pendingLength += text.length;
    } else if (this.pendingEvents) {
      this.problems.push(
        problem('netlog-events-before-constants', 'too many events before the "constants" object; the rest were skipped', offset),
      );
      this.pendingEvents = null;
    }
  }
}
