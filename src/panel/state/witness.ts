// The panel's own watch of its inspected tab. Chromium drops the webRequest events it dispatches to a service
// worker that is being stopped, while an open extension page still gets them (docs/platform-notes.md; the
// forced-stop E2E): the panel runs the same capture over its own listeners, and an exchange it saw finish that the
// background has not shown finished after a grace period is handed to the background to keep ("adopt").
import { Capture } from '../../core/exchange/capture';
import type { CaptureEvent } from '../../core/exchange/events';
import type { Exchange } from '../../core/exchange/model';

/** How long the background gets to show an exchange itself before the panel hands over its own copy. */
export const ADOPT_GRACE_MS = 1500;
/** After this long the panel stops offering an exchange (the tab moved on, or the background refused it). */
const GIVE_UP_MS = 30_000;
/** Most finished exchanges waiting to be seen in the background's list. */
const MAX_WAITING = 200;

export interface WitnessOptions {
  readonly browser: 'chromium' | 'firefox';
  /** Registers listeners for the tab and returns how to remove them (shared/webrequest-listeners in the panel). */
  readonly watch: (onEvent: (event: CaptureEvent) => void) => () => void;
  /** The exchanges the background has shown for the tab. */
  readonly shown: () => readonly Exchange[];
  readonly adopt: (exchange: Exchange) => void;
  readonly now?: () => number;
}

/** Starts witnessing; call `check` on a timer (the panel does every second); `stop` removes the listeners. */
export function witnessTab(options: WitnessOptions): { check(): void; stop(): void } {
  const now = options.now ?? Date.now;
  // Raw tokens are dropped here: the background applies its own setting to what it adopts, and a token kept in the
  // panel's memory for a retry is one more copy of a credential.
  const capture = new Capture({ browser: options.browser, keepRawTokens: false });
  const waiting = new Map<string, { exchange: Exchange; finishedAt: number }>();
  // Capture.apply has its own relevance gate: events of other requests cost it one check.
  const stop = options.watch((event) => {
    const exchange = capture.apply(event);
    if (!exchange?.done) return;
    waiting.set(exchange.id, { exchange, finishedAt: now() });
    if (waiting.size > MAX_WAITING) waiting.delete(waiting.keys().next().value as string);
  });
  return {
    check() {
      if (waiting.size === 0) return;
      const finished = new Set(options.shown().flatMap((exchange) => (exchange.done ? [exchange.id] : [])));
      for (const [id, { exchange, finishedAt }] of waiting) {
        const age = now() - finishedAt;
        if (finished.has(id) || age > GIVE_UP_MS) waiting.delete(id);
        else if (age >= ADOPT_GRACE_MS) options.adopt(exchange);
      }
    },
    stop,
  };
}
