// The background's watch scope with in-memory stand-ins: what it learns, stores and registers.
import { describe, expect, it } from 'vitest';
import { WatchScope } from '../../src/background/watch-scope';
import { SPECIAL_USE_NAME_PATTERNS } from '../../src/core/exchange/watch-scope';
import type { Settings } from '../../src/shared/settings';

const SETTINGS: Settings = { keepRawTokens: true, intranetPatterns: [], watchEverySite: false };

function world(options: { settings?: Partial<Settings>; stored?: unknown; loopbackIsPublic?: boolean } = {}) {
  const registered: (readonly string[])[] = [];
  const saved: (readonly string[])[] = [];
  const scope = new WatchScope({
    loadSettings: async () => ({ ...SETTINGS, ...options.settings }),
    loadLearned: async () => options.stored,
    saveLearned: async (origins) => void saved.push(origins),
    loadLoopbackIsPublic: async () => options.loopbackIsPublic ?? false,
    setFullPatterns: (patterns) => void registered.push(patterns),
  });
  return { scope, registered, saved };
}

describe('WatchScope', () => {
  it('starts with the special-use names and adds the stored learned origins and the user’s patterns', async () => {
    const { scope, registered } = world({ stored: ['http://10.0.0.5:8080'], settings: { intranetPatterns: ['*.corp.example'] } });
    expect(scope.fullPatterns).toEqual(SPECIAL_USE_NAME_PATTERNS);
    await scope.ready;
    expect(registered.at(-1)).toEqual([...SPECIAL_USE_NAME_PATTERNS, '*://*.corp.example/*', '*://10.0.0.5/*']);
  });

  it('learns an origin on an intranet address, a Windows challenge or a prompt, and stores origins only', async () => {
    const { scope, registered, saved } = world();
    await scope.ready;
    scope.learn({ url: 'https://www.example.com/a.png', ip: '93.184.216.34', statusCode: 200 });
    expect(saved).toEqual([]);
    scope.learn({ url: 'http://intranet:8080/app?x=1', ip: '10.1.2.3', statusCode: 200 });
    scope.learn({ url: 'https://app.example.com/login', statusCode: 401, responseHeaders: [{ name: 'WWW-Authenticate', value: 'NTLM' }] });
    scope.learn({ url: 'https://prompt.example.com/', authRequired: true, authScheme: 'negotiate', isProxy: false });
    expect(saved.at(-1)).toEqual(['http://intranet:8080', 'https://app.example.com', 'https://prompt.example.com']);
    expect(registered.at(-1)).toEqual([
      ...SPECIAL_USE_NAME_PATTERNS,
      '*://intranet/*',
      '*://app.example.com/*',
      '*://prompt.example.com/*',
    ]);
  });

  it('does not learn what it already watches fully, and holds facts that arrive before the stored state', async () => {
    const { scope, saved } = world({ loopbackIsPublic: true });
    scope.learn({ url: 'http://127.0.0.1:9000/', ip: '127.0.0.1', statusCode: 200 });
    scope.learn({ url: 'http://127.0.0.1:9000/', authRequired: true, authScheme: 'ntlm' });
    scope.learn({ url: 'http://intranet.lab.test:9000/', ip: '127.0.0.1', authRequired: true, authScheme: 'ntlm' });
    await scope.ready;
    expect(saved).toEqual([['http://127.0.0.1:9000']]);
  });

  it('forgets when the stored origins are removed, and watches every URL when asked to', async () => {
    const { scope, registered } = world({ stored: ['http://10.0.0.5'] });
    await scope.ready;
    scope.learnedChanged(undefined);
    expect(registered.at(-1)).toEqual(SPECIAL_USE_NAME_PATTERNS);
    scope.applySettings({ ...SETTINGS, watchEverySite: true });
    expect(registered.at(-1)).toEqual(['http://*/*', 'https://*/*']);
  });

  it('forgets what an address taught once it serves more hosts than one server would (a proxy on a private address)', async () => {
    const { scope, saved } = world();
    await scope.ready;
    for (const host of ['a.example.com', 'b.example.org', 'c.example.net'])
      scope.learn({ url: `https://${host}/`, ip: '10.9.9.9', statusCode: 200 });
    expect(saved.at(-1)).toEqual(['https://a.example.com', 'https://b.example.org', 'https://c.example.net']);
    scope.learn({ url: 'https://d.example.io/', ip: '10.9.9.9', statusCode: 200 });
    expect(saved.at(-1)).toEqual([]);
    scope.learn({ url: 'https://e.example.io/', ip: '10.9.9.9', statusCode: 200 });
    expect(saved.at(-1)).toEqual([]);
    // A Windows challenge still teaches its site, proxy or not.
    scope.learn({
      url: 'https://f.example.io/',
      ip: '10.9.9.9',
      statusCode: 401,
      responseHeaders: [{ name: 'WWW-Authenticate', value: 'NTLM' }],
    });
    expect(saved.at(-1)).toEqual(['https://f.example.io']);
  });

  it('ignores the echo of its own writes, so quick learning never loses an origin, and applies a Forget', async () => {
    const { scope, saved, registered } = world();
    await scope.ready;
    scope.learn({ url: 'http://10.0.0.1/', ip: '10.0.0.1', statusCode: 200 });
    scope.learn({ url: 'http://10.0.0.2/', ip: '10.0.0.2', statusCode: 200 });
    scope.learnedChanged(saved[0]);
    scope.learn({ url: 'http://10.0.0.3/', ip: '10.0.0.3', statusCode: 200 });
    expect(saved.at(-1)).toEqual(['http://10.0.0.1', 'http://10.0.0.2', 'http://10.0.0.3']);
    scope.learnedChanged(saved[1]);
    scope.learnedChanged(saved[2]);
    expect(registered.at(-1)).toEqual([...SPECIAL_USE_NAME_PATTERNS, '*://10.0.0.1/*', '*://10.0.0.2/*', '*://10.0.0.3/*']);
    scope.learnedChanged(undefined);
    expect(registered.at(-1)).toEqual(SPECIAL_USE_NAME_PATTERNS);
  });

  it('keeps a settings change that arrives while the stored state loads', async () => {
    const { scope, registered } = world({ settings: { intranetPatterns: ['*.old.example'] } });
    scope.applySettings({ ...SETTINGS, intranetPatterns: ['*.new.example'] });
    await scope.ready;
    expect(registered.at(-1)).toEqual([...SPECIAL_USE_NAME_PATTERNS, '*://*.new.example/*']);
  });
});
