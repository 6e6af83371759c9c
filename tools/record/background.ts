// The lab recorder's background (`npm run lab:record` only, never shipped): AuthScope's own background, plus the
// same webRequest listeners once more, keeping every event as capture sanitizes it (tokens kept) in
// storage.session "trace", from which the recorder writes the test fixtures.
import '../../src/background/index';
import type { CaptureEvent } from '../../src/core/exchange/events';
import { sanitizeEvent } from '../../src/core/exchange/sanitize';
import { browser } from '../../src/shared/browser';
import { watchWebRequests } from '../../src/shared/webrequest-listeners';

const TRACE_KEY = 'trace';
const MAX_TRACE_EVENTS = 5000;
let pending: CaptureEvent[] = [];
let writing: Promise<void> = Promise.resolve();

watchWebRequests((event) => {
  pending.push(sanitizeEvent(event, true));
  writing = writing.then(async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const trace = ((await browser.storage.session.get(TRACE_KEY))[TRACE_KEY] as CaptureEvent[] | undefined) ?? [];
    await browser.storage.session.set({ [TRACE_KEY]: [...trace, ...batch].slice(-MAX_TRACE_EVENTS) });
  });
}, {});
