// The background's capture service over the in-memory storage seam, replaying the lab recordings: what reaches
// storage (no site secrets, no raw tokens when they are not kept), a worker stopped between journal and save, a
// rejected write and a malformed message that must not stall capture, and eviction that makes the offender pay.
import { describe, expect, it } from 'vitest';
import { CaptureService } from '../../src/background/capture-service';
import { ExchangeStore, type StoredTab } from '../../src/background/exchange-store';
import type { BadgeState } from '../../src/core/diagnosis/badge';
import type { BrowserFamily, CaptureEvent } from '../../src/core/exchange/events';
import type { Exchange } from '../../src/core/exchange/model';
import { summarizeExchange } from '../../src/core/exchange/summary';
import { MemoryStore } from '../../src/shared/key-value-store';
import { mainExchange, recordingOf, recordings, replay } from '../../tools/fixtures/recordings';

interface World {
  readonly service: CaptureService;
  readonly memory: MemoryStore;
  readonly badges: Map<number, BadgeState>;
  readonly reported: string[];
}

function world(browser: BrowserFamily, options: { memory?: MemoryStore; keepRawTokens?: boolean } = {}): World {
  const memory = options.memory ?? new MemoryStore();
  const badges = new Map<number, BadgeState>();
  const reported: string[] = [];
  const service = new CaptureService(browser, {
    store: new ExchangeStore(memory),
    showBadge: async (tabId, badge) => void badges.set(tabId, badge),
    loadSettings: async () => ({ keepRawTokens: options.keepRawTokens ?? true, intranetPatterns: [], watchEverySite: false }),
    report: (message) => reported.push(message),
  });
  return { service, memory, badges, reported };
}

/** Waits until every queued step ran. */
const settled = (service: CaptureService) => service.exchanges(-1);

const storedTab = (memory: MemoryStore, tabId: number) => (memory.items.get(`tab:${tabId}`) as StoredTab | undefined)?.exchanges ?? [];

/** The recording's events with a page's own secrets added to every request and response. */
function withSiteSecrets(events: readonly CaptureEvent[]): CaptureEvent[] {
  return events.map((event) =>
    event.type === 'request-headers'
      ? {
          ...event,
          headers: [...event.headers, { name: 'Cookie', value: 'session=s3cr3t-cookie' }, { name: 'X-Api-Key', value: 'k3y-secret' }],
        }
      : event.type === 'response-headers'
        ? { ...event, headers: [...event.headers, { name: 'Set-Cookie', value: 'session=s3cr3t-cookie' }] }
        : event,
  );
}

describe('CaptureService over the storage seam', () => {
  it.each(recordings.map((recording) => [`${recording.browser}/${recording.scenario}`, recording] as const))(
    'stores %s as the core builds it, with its badge',
    async (_, recording) => {
      const { service, memory, badges } = world(recording.browser);
      for (const event of recording.events) service.enqueue(event);
      await settled(service);
      const expected = mainExchange(recording, replay(recording));
      const stored = storedTab(memory, expected.tabId).find((exchange) => exchange.id === expected.id);
      expect(stored && summarizeExchange(stored)).toEqual(summarizeExchange(expected));
      expect(badges.has(expected.tabId)).toBe(true);
      expect([...memory.items.keys()].filter((key) => key.startsWith('journal:'))).toEqual([]);
    },
  );

  it('the journal holds neither the page’s cookies and keys nor a raw token, even while raw tokens are kept', () => {
    const { service, memory } = world('firefox');
    for (const event of withSiteSecrets(recordingOf('firefox', 'ntlm-fallback').events)) service.enqueue(event);
    // Journal writes land before any await: this is what a worker stopped right now would leave.
    const journal = JSON.stringify([...memory.items].filter(([key]) => key.startsWith('journal:')));
    expect(journal).toContain('"NTLM"');
    expect(journal).not.toMatch(/s3cr3t|k3y-secret|TlRMTVNT/);
  });

  it('with "Keep raw tokens" off nothing in storage holds a token, a cookie or a key', async () => {
    const { service, memory } = world('firefox', { keepRawTokens: false });
    for (const scenario of ['kerberos-ok', 'ntlm-fallback', 'stale-keytab'])
      for (const event of withSiteSecrets(recordingOf('firefox', scenario).events)) service.enqueue(event);
    await settled(service);
    const everything = JSON.stringify([...memory.items]);
    expect(everything).toContain('spnego-init');
    expect(everything).not.toMatch(/s3cr3t|k3y-secret|TlRMTVNT|YII[A-Za-z0-9+/]{20}/);
  });

  it('a worker stopped between journal and save: the next worker replays the journal and loses nothing', async () => {
    const memory = new MemoryStore();
    // The first worker's writes of results never land (it was stopped); its journal writes did.
    const stopped = new CaptureService('chromium', {
      store: new ExchangeStore({
        get: (keys) => memory.get(keys),
        set: (items) =>
          Object.keys(items).every((key) => key.startsWith('journal:')) ? memory.set(items) : new Promise<void>(() => undefined),
        remove: (keys) => memory.remove(keys),
      }),
      showBadge: async () => undefined,
      loadSettings: async () => ({ keepRawTokens: true, intranetPatterns: [], watchEverySite: false }),
    });
    const recording = recordingOf('chromium', 'ntlm-fallback');
    for (const event of recording.events) stopped.enqueue(event);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([...memory.items.keys()].some((key) => key.startsWith('tab:'))).toBe(false);
    const next = world('chromium', { memory });
    const tabId = mainExchange(recording).tabId;
    const restored = await next.service.exchanges(tabId);
    expect(restored.find((exchange) => exchange.url === recording.url && exchange.done)).toBeDefined();
    expect(summarizeExchange(restored.find((exchange) => exchange.url === recording.url) as Exchange).mechanism).toBe('ntlm');
  });

  it('a rejected write is counted and capture goes on', async () => {
    const memory = new MemoryStore();
    let rejectNext = true;
    const flaky = {
      get: (keys: string | string[] | null) => memory.get(keys),
      set: (items: Record<string, unknown>) => {
        if (rejectNext && Object.keys(items).some((key) => key.startsWith('tab:'))) {
          rejectNext = false;
          return Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
        }
        return memory.set(items);
      },
      remove: (keys: string | string[]) => memory.remove(keys),
    };
    const reported: string[] = [];
    const service = new CaptureService('firefox', {
      store: new ExchangeStore(flaky),
      showBadge: async () => undefined,
      loadSettings: async () => ({ keepRawTokens: true, intranetPatterns: [], watchEverySite: false }),
      report: (message) => reported.push(message),
    });
    const first = recordingOf('firefox', 'kerberos-ok');
    for (const event of first.events) service.enqueue(event);
    await settled(service);
    const second = recordingOf('firefox', 'ntlm-only');
    for (const event of second.events) service.enqueue(event);
    await settled(service);
    expect(service.failures).toBe(1);
    expect(reported).toEqual(['AuthScope store failed']);
    expect(storedTab(memory, mainExchange(second).tabId).some((exchange) => exchange.url === second.url)).toBe(true);
  });

  it('a malformed adopted exchange is refused, counted, and the queue goes on', async () => {
    const { service, memory } = world('chromium');
    service.adopt({ id: 'x', tabId: 1, done: true, legs: null } as unknown as Exchange);
    const recording = recordingOf('chromium', 'kerberos-ok');
    for (const event of recording.events) service.enqueue(event);
    await settled(service);
    expect(service.failures).toBe(1);
    expect(storedTab(memory, mainExchange(recording).tabId).length).toBeGreaterThan(0);
  });

  it('one tab full of huge exchanges loses its own oldest, never the other tabs’ evidence', async () => {
    const { service, memory } = world('firefox');
    const quiet = recordingOf('firefox', 'kerberos-ok');
    const retab = (events: readonly CaptureEvent[], tabId: number, prefix: string) =>
      events.map(
        (event) => ({ ...event, requestId: `${prefix}${event.requestId}`, ...('tabId' in event ? { tabId } : {}) }) as CaptureEvent,
      );
    for (const tabId of [7, 8]) for (const event of retab(quiet.events, tabId, `q${tabId}-`)) service.enqueue(event);
    // A hostile page: 60 exchanges, each a 401 offering Negotiate with a 60,000-character token.
    for (let index = 0; index < 60; index++) {
      service.enqueue({
        type: 'response-headers',
        requestId: `h${index}`,
        url: `http://hostile.example/${index}`,
        method: 'GET',
        resourceType: 'xmlhttprequest',
        tabId: 9,
        frameId: 0,
        initiator: null,
        time: 1_000 + index,
        statusCode: 401,
        statusLine: 'HTTP/1.1 401',
        headers: [{ name: 'WWW-Authenticate', value: `Negotiate ${'QUFB'.repeat(15_000)}` }],
      });
    }
    await settled(service);
    expect(storedTab(memory, 7)).toHaveLength(replay(quiet).length);
    expect(storedTab(memory, 8)).toHaveLength(replay(quiet).length);
    expect(storedTab(memory, 9).length).toBeLessThan(60);
    const total = [...memory.items].filter(([key]) => key.startsWith('tab:')).reduce((sum, [, tab]) => sum + JSON.stringify(tab).length, 0);
    expect(total).toBeLessThanOrEqual(1.75 * 1024 * 1024);
  });
});
