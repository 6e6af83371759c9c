// @vitest-environment happy-dom
// The Settings popover over an in-memory storage.local: what it shows, what it saves, and "Forget learned sites".
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Changes = Record<string, { newValue?: unknown }>;
const storage = vi.hoisted(() => {
  const values = new Map<string, unknown>();
  const listeners = new Set<(changes: Changes, area: string) => void>();
  const notify = (changes: Changes) => listeners.forEach((listener) => listener(changes, 'local'));
  return {
    values,
    chromium: true,
    api: {
      local: {
        get: async (key: string) => (values.has(key) ? { [key]: structuredClone(values.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [key, value] of Object.entries(items)) values.set(key, structuredClone(value));
          notify(Object.fromEntries(Object.entries(items).map(([key, value]) => [key, { newValue: value }])));
        },
        remove: async (key: string) => {
          values.delete(key);
          notify({ [key]: {} });
        },
      },
      onChanged: {
        addListener: (listener: (changes: Changes, area: string) => void) => listeners.add(listener),
        removeListener: (listener: (changes: Changes, area: string) => void) => listeners.delete(listener),
      },
    },
  };
});
vi.mock('../../../src/shared/browser', () => ({
  browser: {
    storage: storage.api,
    // What makes capabilities.ts decide "Chromium" (Firefox has no OnHeadersReceivedOptions.EXTRA_HEADERS).
    get webRequest() {
      return storage.chromium ? { OnHeadersReceivedOptions: { EXTRA_HEADERS: 'extraHeaders' } } : {};
    },
  },
}));

async function renderMenu() {
  const { SettingsMenu } = await import('../../../src/panel/components/SettingsMenu');
  const view = render(<SettingsMenu />);
  const field = (name: string) => view.container.querySelector(`[name="${name}"]`) as HTMLInputElement | HTMLButtonElement | null;
  await waitFor(() => expect((field('keep-raw-tokens') as HTMLInputElement).disabled).toBe(false));
  return { ...view, field };
}

beforeEach(() => {
  storage.values.clear();
  storage.chromium = true;
  vi.resetModules();
});
afterEach(cleanup);

describe('SettingsMenu in Chromium', () => {
  it('shows the stored intranet patterns, flags what is not a host pattern and saves the list', async () => {
    storage.values.set('settings', { keepRawTokens: true, intranetPatterns: ['*.corp.example'], watchEverySite: false });
    const { field, container } = await renderMenu();
    const input = field('intranet-patterns') as HTMLInputElement;
    expect(input.value).toBe('*.corp.example');
    fireEvent.input(input, { target: { value: '*.corp.example, intranet, ftp://files.corp.example, *.com' } });
    expect(container.textContent).toContain('Not a host pattern, or a whole public suffix, ignored: ftp://files.corp.example, *.com');
    fireEvent.change(input, { target: { value: '*.corp.example, intranet' } });
    await waitFor(() =>
      expect(storage.values.get('settings')).toEqual({
        keepRawTokens: true,
        intranetPatterns: ['*.corp.example', 'intranet'],
        watchEverySite: false,
      }),
    );
  });

  it('saves "Watch every site fully" and "Keep raw tokens" beside the other settings', async () => {
    const { field } = await renderMenu();
    const checkbox = field('watch-every-site') as HTMLInputElement;
    expect(checkbox.checked).toBe(false);
    fireEvent.click(checkbox);
    await waitFor(() => expect(storage.values.get('settings')).toMatchObject({ watchEverySite: true, keepRawTokens: true }));
    await waitFor(() => expect(checkbox.checked).toBe(true));
    fireEvent.click(field('keep-raw-tokens') as HTMLInputElement);
    await waitFor(() => expect(storage.values.get('settings')).toMatchObject({ watchEverySite: true, keepRawTokens: false }));
  });

  it('counts the learned sites, forgets them on request and follows changes made elsewhere', async () => {
    storage.values.set('learned-origins', ['http://10.0.0.5:8080', 'https://app.example.com']);
    const { field, container } = await renderMenu();
    const learned = () => container.querySelector('[data-learned-sites]')?.textContent;
    await waitFor(() => expect(learned()).toBe('2 learned'));
    fireEvent.click(field('forget-learned-sites') as HTMLButtonElement);
    await waitFor(() => expect(learned()).toBe('0 learned'));
    expect(storage.values.has('learned-origins')).toBe(false);
    expect((field('forget-learned-sites') as HTMLButtonElement).disabled).toBe(true);
    await storage.api.local.set({ 'learned-origins': ['http://intranet'] });
    await waitFor(() => expect(learned()).toBe('1 learned'));
  });

  it('says what a site it has not learned costs in visibility', async () => {
    const { container } = await renderMenu();
    expect(container.querySelector('.watch-scope-statement')?.textContent).toMatch(/shows only its final response/);
  });
});

describe('SettingsMenu in Firefox', () => {
  it('has no watch-scope settings: Firefox watches every site fully at no extra cost', async () => {
    storage.chromium = false;
    const { field, container } = await renderMenu();
    expect(field('intranet-patterns')).toBeNull();
    expect(field('watch-every-site')).toBeNull();
    expect(container.querySelector('.watch-scope-statement')).toBeNull();
  });
});
