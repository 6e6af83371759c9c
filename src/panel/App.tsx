// The panel: the inspected tab's live exchanges, imported files (NetLog, HAR, IIS log), the inventory of every site
// seen, a token decoder, and an IIS log explainer.
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../shared/browser';
import { isPanelResponse, panelRequest } from '../shared/protocol';
import { Glossary } from './components/Glossary';
import { LazyView } from './components/LazyView';
import { SettingsMenu } from './components/SettingsMenu';
import { inspectedTabId } from './inspected-tab';
import { LiveView } from './views/LiveView';

const loadImportView = () => import('./views/ImportView').then((module) => module.ImportView);
const loadIisLogView = () => import('./views/IisLogView').then((module) => module.IisLogView);
const loadDecoderView = () => import('./views/DecoderView').then((module) => module.DecoderView);
const loadInventoryView = () => import('./views/InventoryView').then((module) => module.InventoryView);

const VIEWS = { live: 'Live', import: 'Import file', inventory: 'Inventory', decoder: 'Decoder', iis: 'IIS log' } as const;
const VIEW_TITLES = {
  live: 'This tab’s authentication exchanges, live',
  import: 'Open a NetLog, HAR or IIS log file',
  inventory: 'Every site seen, and which depend on NTLM',
  decoder: 'Decode a pasted token or auth header',
  iis: 'Explain IIS log lines',
} as const;
type ViewId = keyof typeof VIEWS;

export function App() {
  const [status, setStatus] = useState<{ version: string; captureFailures: number } | null>(null);
  const [view, setView] = useState<ViewId>(() => (new URLSearchParams(location.search).get('view') as ViewId | null) ?? 'live');

  useEffect(() => {
    browser.runtime
      .sendMessage(panelRequest('get-status'))
      .then((reply: unknown) => setStatus(isPanelResponse(reply) ? reply : null))
      .catch(() => setStatus(null));
  }, []);

  return (
    <main class="panel">
      <header class="toolbar">
        <strong>AuthScope</strong>
        <span class="muted">{status ? `v${status.version}` : 'background not reachable'}</span>
        {status && status.captureFailures > 0 && (
          <span class="muted" role="note" title="Failed capture steps are counted and skipped; the worker's console has the errors">
            {status.captureFailures} capture {status.captureFailures === 1 ? 'step' : 'steps'} failed
          </span>
        )}
        <nav role="tablist" aria-label="Views">
          {(Object.keys(VIEWS) as ViewId[]).map((id) => (
            <button
              key={id}
              role="tab"
              aria-selected={view === id}
              title={VIEW_TITLES[id]}
              class={view === id ? 'selected' : ''}
              onClick={() => setView(id)}
            >
              {VIEWS[id]}
            </button>
          ))}
        </nav>
        <span class="spacer" />
        <Glossary />
        <SettingsMenu />
      </header>
      {view === 'live' && <LiveView tabId={inspectedTabId()} />}
      {view === 'import' && <LazyView load={loadImportView} />}
      {view === 'inventory' && <LazyView load={loadInventoryView} />}
      {view === 'decoder' && <LazyView load={loadDecoderView} />}
      {view === 'iis' && <LazyView load={loadIisLogView} />}
    </main>
  );
}
