// The exchange list with its toolbar, per-origin strip and detail pane, over the store in context: Copy diagnosis
// (the selected exchange, ticket-sized), Copy all, the row menu and Export HAR. Knows nothing of the extension APIs
// (LiveView connects, ImportView reads files), so benchmarks render it in a plain page.
import { useEffect, useState } from 'preact/hooks';
import { type Redaction, exportHar } from '../../core/export/har';
import type { Exchange } from '../../core/exchange/model';
import type { ReportOptions } from '../../core/report/diagnosis-markdown';
import { followedBySignIn } from '../../core/report/headline';
import { readerOf } from '../../shared/reader';
import { copyText } from '../clipboard';
import type { ComputerAnswer } from '../companion';
import { downloadText } from '../download';
import { lazyModule, useLazyModule } from '../lazy-module';
import { nextSortOrder } from '../state/columns';
import { useStore } from '../state/context';
import type { ExchangeRow } from '../state/exchange-row';
import { ExchangeList } from './ExchangeList';
import { type CopyChoices, ListToolbar } from './ListToolbar';
import { OriginStrip } from './OriginStrip';
import type { MenuAction } from './RowMenu';

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

/** The detail pane (every rule's advice comes with it) and the copied reports: loaded after the list has painted. */
const detailModule = lazyModule(() => import('./DetailPane'));
const reportModule = lazyModule(() => import('../../core/report/diagnosis-markdown'));

export function ExchangeWorkspace({
  source,
  chromium,
  version,
  predictSpn,
  askComputer,
}: {
  /** Where the exchanges come from, for the copied report: "Chromium 156", or the imported file and its browser. */
  source: string;
  /** Show the Chromium visibility note. */
  chromium: boolean;
  /** AuthScope's version, for the exported HAR's creator. */
  version: string;
  /** Predicts the SPN the browser will ask for (Firefox, from DNS). */
  predictSpn?: (url: string) => Promise<string | null>;
  /** Asks this computer about a URL (the companion). */
  askComputer?: (url: string) => Promise<ComputerAnswer>;
}) {
  const store = useStore();
  const selected = store.selected.value;
  const [status, setStatus] = useState<string | null>(null);
  const [choices, setChoices] = useState<CopyChoices>({ includeIdentities: false, includeRawTokens: false });
  const rows = store.rows.value;
  // The detail pane loads once the list has painted and the page is idle; the reports on the first press of a key
  // or a button in the panel, before any copy can be asked for.
  const hasRows = rows.length > 0;
  useEffect(() => {
    if (hasRows) detailModule.prefetch();
  }, [hasRows]);
  const prefetchReports = () => void reportModule.get();
  type Reports = Awaited<ReturnType<typeof reportModule.get>>;
  const report = (): ReportOptions => ({
    ...choices,
    browser: source,
    extensionVersion: version,
    generatedAt: new Date().toISOString(),
    reader: readerOf(),
    transient: followedBySignIn(rows.map((row) => row.exchange)),
  });
  const copied = (text: string, what: string) => setStatus(copyText(text) ? `Copied ${what} (${text.length} characters)` : 'Copy failed');
  // The copy stays in the click's own task (the clipboard wants the user's gesture): the reports have loaded by then.
  const withReports = (copy: (loaded: Reports) => void) => {
    const loaded = reportModule.now();
    if (loaded) copy(loaded);
    else void reportModule.get().then(copy);
  };
  const copyDiagnosis = (exchange: Exchange) =>
    withReports((loaded) => copied(loaded.diagnosisMarkdown(exchange, report()), `the diagnosis of ${exchange.method} ${exchange.url}`));
  const copyAll = () =>
    withReports((loaded) => {
      const exchanges = store.visibleRows.value.map((row) => row.exchange);
      copied(loaded.allDiagnosesMarkdown(exchanges, report()), plural(exchanges.length, 'exchange'));
    });
  const exchangeById = (id: string) => rows.find((row) => row.id === id)?.exchange;
  const menu: MenuAction[] = [
    { label: 'Copy URL', run: (id) => exchangeById(id) && copied(exchangeById(id)?.url ?? '', 'the URL') },
    {
      label: 'Copy diagnosis',
      run: (id) => {
        const exchange = exchangeById(id);
        if (exchange) copyDiagnosis(exchange);
      },
    },
    {
      label: 'Copy as HAR entry (tokens masked)',
      run: (id) => {
        const exchange = exchangeById(id);
        if (exchange)
          copied(JSON.stringify(exportHar([exchange], { tokens: 'mask' }, version).har, null, 2), 'the HAR entry, tokens masked');
      },
    },
  ];
  const exportVisible = (tokens: Redaction) => {
    const { har, receipt } = exportHar(
      store.visibleRows.value.map((row) => row.exchange),
      { tokens },
      version,
    );
    downloadText('authscope.har', JSON.stringify(har, null, 2));
    setStatus(
      `Exported ${receipt.entries} legs: tokens ${receipt.tokensMasked} masked, ${receipt.tokensRemoved} removed, ${receipt.tokensKept} kept; identities ${receipt.identities}; never captured: ${receipt.neverCaptured.join(', ')}`,
    );
  };
  const filtered = store.filterText.value.trim() !== '' || store.problemsOnly.value || store.mechanism.value !== 'all';
  return (
    <section class="live" aria-label="Live capture" onPointerDownCapture={prefetchReports} onKeyDownCapture={prefetchReports}>
      <ListToolbar
        choices={choices}
        onChoices={setChoices}
        onCopySelected={selected ? () => copyDiagnosis(selected.exchange) : null}
        onCopyAll={copyAll}
        onExport={exportVisible}
        copyStatus={status}
      />
      <OriginStrip origins={store.origins.value} indexed={store.indexed.value} total={rows.length} />
      {/* Said once on the screen: with an exchange selected, its headline says what the browser hid. */}
      {chromium && !selected && (
        <p class="banner" role="note">
          Chromium hides the requests that carry its own tokens. To see every leg, record a NetLog (chrome://net-export) and open it in
          AuthScope.
        </p>
      )}
      {rows.length === 0 ? (
        <EmptyState />
      ) : (
        <div class={selected ? 'split' : 'split no-detail'}>
          <ExchangeList
            rows={store.listRows.value}
            selectedId={store.selectedId.value}
            onSelect={(id) => store.select(id)}
            onMove={(delta) => store.moveSelection(delta)}
            sortOrder={store.sortOrder.value}
            onSort={(column) => (store.sortOrder.value = nextSortOrder(store.sortOrder.value, column))}
            menu={menu}
            filtered={filtered}
          />
          {selected && <LazyDetail row={selected} rows={rows} predictSpn={predictSpn} askComputer={askComputer} />}
        </div>
      )}
    </section>
  );
}

/** The detail pane, loaded with the first selection. */
function LazyDetail(props: {
  row: ExchangeRow;
  rows: readonly ExchangeRow[];
  predictSpn?: ((url: string) => Promise<string | null>) | undefined;
  askComputer?: ((url: string) => Promise<ComputerAnswer>) | undefined;
}) {
  const detail = useLazyModule(detailModule);
  return detail ? <detail.DetailPane {...props} /> : <p class="detail muted">Loading…</p>;
}

function EmptyState() {
  return (
    <section class="empty" aria-label="No exchanges yet">
      <h2>No Windows authentication seen on this tab yet</h2>
      <p>
        AuthScope watches this tab for HTTP 401/407 challenges offering Negotiate (Kerberos, or NTLM inside it) or NTLM, the credentials the
        browser sends back, and the answers — with DevTools open or closed (the toolbar badge counts problems).
      </p>
      <p>To reproduce: keep DevTools open on this tab and reload the page (or repeat the action that prompts or fails).</p>
    </section>
  );
}
