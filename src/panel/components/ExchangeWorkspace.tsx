// The exchange list with its toolbar, per-origin strip and detail pane, over the store in context, with Copy
// diagnosis and Export HAR. Knows nothing of the extension APIs (LiveView connects, ImportView reads files), so
// benchmarks render it in a plain page.
import { useState } from 'preact/hooks';
import { type Redaction, exportHar } from '../../core/export/har';
import { allDiagnosesMarkdown, diagnosisMarkdown } from '../../core/report/diagnosis-markdown';
import type { Exchange } from '../../core/exchange/model';
import { copyText } from '../clipboard';
import { downloadText } from '../download';
import { useStore } from '../state/context';
import { DetailPane } from './DetailPane';
import { ExchangeList } from './ExchangeList';
import { type CopyChoices, ListToolbar } from './ListToolbar';
import { OriginStrip } from './OriginStrip';

export function ExchangeWorkspace({
  source,
  chromium,
  version,
  predictSpn,
}: {
  /** Where the exchanges come from, for the copied report: "Chromium 156", or the imported file and its browser. */
  source: string;
  /** Show the Chromium visibility banner. */
  chromium: boolean;
  /** AuthScope's version, for the exported HAR's creator. */
  version: string;
  /** Predicts the SPN the browser will ask for (Firefox, from DNS). */
  predictSpn?: (url: string) => Promise<string | null>;
}) {
  const store = useStore();
  const selected = store.selected.value;
  const [status, setStatus] = useState<string | null>(null);
  const copy = (exchanges: readonly Exchange[], choices: CopyChoices) => {
    const report = {
      ...choices,
      browser: source,
      extensionVersion: version,
      generatedAt: new Date().toISOString(),
    };
    const text = exchanges.length === 1 ? diagnosisMarkdown(exchanges[0] as Exchange, report) : allDiagnosesMarkdown(exchanges, report);
    setStatus(
      copyText(text)
        ? `Copied ${exchanges.length} exchange${exchanges.length === 1 ? '' : 's'} (${text.length} characters)`
        : 'Copy failed',
    );
  };
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
  return (
    <section class="live" aria-label="Live capture">
      <ListToolbar
        onCopy={(choices) =>
          copy(
            store.visibleRows.value.map((row) => row.exchange),
            choices,
          )
        }
        onExport={exportVisible}
        copyStatus={status}
      />
      <OriginStrip origins={store.origins.value} indexed={store.indexed.value} total={store.rows.value.length} />
      {chromium && (
        <p class="banner" role="note">
          Chromium shows extensions the first 401 and the final response of each handshake, not the requests carrying its own tokens. For
          every leg, record a NetLog (chrome://net-export) and open it in AuthScope.
        </p>
      )}
      {store.rows.value.length === 0 ? (
        <EmptyState />
      ) : (
        <div class={selected ? 'split' : 'split no-detail'}>
          <ExchangeList
            rows={store.listRows.value}
            selectedId={store.selectedId.value}
            onSelect={(id) => store.select(id)}
            onMove={(delta) => store.moveSelection(delta)}
          />
          {selected && (
            <DetailPane
              row={selected}
              onCopy={(row) => copy([row.exchange], { includeIdentities: false, includeRawTokens: false })}
              predictSpn={predictSpn}
            />
          )}
        </div>
      )}
    </section>
  );
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
