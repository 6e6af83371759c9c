// The panel's own witness of its tab, fed the recorded lab events as its listeners would get them.
import { describe, expect, it } from 'vitest';
import type { CaptureEvent } from '../../../src/core/exchange/events';
import type { Exchange } from '../../../src/core/exchange/model';
import { ADOPT_GRACE_MS, witnessTab } from '../../../src/panel/state/witness';
import { mainExchange, recordingOf } from '../../../tools/fixtures/recordings';

function witnessed(scenario: string, shown: () => readonly Exchange[]) {
  const recording = recordingOf('chromium', scenario);
  let clock = 0;
  let deliver: (event: CaptureEvent) => void = () => undefined;
  let stopped = false;
  const adopted: Exchange[] = [];
  const witness = witnessTab({
    browser: 'chromium',
    watch: (onEvent) => {
      deliver = onEvent;
      return () => (stopped = true);
    },
    shown,
    adopt: (exchange) => adopted.push(exchange),
    now: () => clock,
  });
  for (const event of recording.events) deliver(event);
  return {
    adopted,
    expected: mainExchange(recording),
    after(ms: number) {
      clock += ms;
      witness.check();
    },
    stop() {
      witness.stop();
      return stopped;
    },
  };
}

describe('witnessTab', () => {
  it('hands over an exchange the background has not shown once the grace period is over, without raw tokens', () => {
    const run = witnessed('kerberos-ok', () => []);
    run.after(ADOPT_GRACE_MS - 1);
    expect(run.adopted).toHaveLength(0);
    run.after(1);
    const adopted = run.adopted.find((exchange) => exchange.id === run.expected.id);
    expect(adopted?.done).toBe(true);
    expect(adopted?.legs.map((leg) => leg.response?.status)).toEqual(run.expected.legs.map((leg) => leg.response?.status));
    const tokens = adopted?.legs.flatMap((leg) => [...(leg.response?.challenges ?? []), leg.request?.credentials ?? null]) ?? [];
    expect(tokens.some((item) => item?.summary)).toBe(true);
    expect(tokens.every((item) => item === null || item.token === null)).toBe(true);
    expect(run.stop()).toBe(true);
  });

  it('leaves alone what the background shows finished, and gives up after 30 s', () => {
    const expected = mainExchange(recordingOf('chromium', 'kerberos-ok'));
    const shown = witnessed('kerberos-ok', () => [expected]);
    shown.after(ADOPT_GRACE_MS * 2);
    expect(shown.adopted.map((exchange) => exchange.id)).not.toContain(expected.id);

    const ignored = witnessed('ntlm-only', () => []);
    ignored.after(31_000);
    expect(ignored.adopted).toHaveLength(0);
  });
});
