// Open or drop a NetLog (chrome://net-export), a HAR file or an IIS log: it is read in chunks (NetLogs stream,
// with progress, and the panel stays responsive), and its exchanges open in their own session with the same list,
// details, findings and copy as live capture.
import { useMemo, useState } from 'preact/hooks';
import type { ImportedSession } from '../../core/import/file-import';
import { readImportFile } from '../read-file';
import { type Problem, fail } from '../../core/decode/result';
import { browser } from '../../shared/browser';
import { browserLabel } from '../../shared/capabilities';
import { ExchangeWorkspace } from '../components/ExchangeWorkspace';
import { FindingView } from '../components/FindingView';
import { StoreContext } from '../state/context';
import { createPanelStore } from '../state/store';

interface Loaded {
  readonly name: string;
  readonly session: ImportedSession;
  readonly warnings: readonly Problem[];
}

export function ImportView() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const store = useMemo(() => createPanelStore(), []);

  const open = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setProgress(0);
    // Whatever happens while reading (an unreadable file, a bug), the progress bar ends and the error is shown.
    const result = await readImportFile(file, setProgress)
      .catch((caught: unknown) => fail<ImportedSession>('file-unreadable', caught instanceof Error ? caught.message : String(caught), 0))
      .finally(() => setProgress(null));
    if (!result.ok) {
      setError(`${file.name}: ${result.error.message} (${result.error.code})`);
      return;
    }
    store.clear(0);
    store.exchanges.value = result.value.exchanges;
    setLoaded({ name: file.name, session: result.value, warnings: result.warnings });
  };

  return (
    <section class="import" aria-label="Import a file">
      <div
        class="drop-zone"
        onDragOver={(event) => event.preventDefault()}
        onDrop={(event) => {
          event.preventDefault();
          void open(event.dataTransfer?.files[0]);
        }}
      >
        <label>
          Open a NetLog, HAR or IIS log{' '}
          <input
            type="file"
            accept=".json,.har,.log,.txt"
            onChange={(event) => void open((event.currentTarget as HTMLInputElement).files?.[0])}
          />
        </label>
        <span class="muted"> or drop it here</span>
        {progress !== null && (
          <progress max={1} value={progress} aria-label="Reading the file">
            {Math.round(progress * 100)}%
          </progress>
        )}
      </div>
      {error && (
        <p role="alert" class="problems error">
          {error}
        </p>
      )}
      {loaded ? (
        <>
          <p role="status">
            {loaded.name}: {loaded.session.source}
            {loaded.session.browser ? ` from ${loaded.session.browser}` : ''}, {loaded.session.exchanges.length} authentication exchanges
          </p>
          {loaded.warnings.map((warning, index) => (
            <p key={index} class="problems warning">
              {warning.message} ({warning.code})
            </p>
          ))}
          {loaded.session.findings.map((finding, index) => (
            <FindingView key={index} finding={finding} />
          ))}
          {loaded.session.exchanges.length > 0 && (
            <StoreContext.Provider value={store}>
              <ExchangeWorkspace
                source={`${loaded.session.browser ?? 'unknown browser'} (imported ${loaded.session.source} ${loaded.name}; viewed in ${browserLabel()})`}
                chromium={false}
                version={browser.runtime.getManifest().version}
              />
            </StoreContext.Provider>
          )}
        </>
      ) : (
        <NetLogGuide />
      )}
    </section>
  );
}

function NetLogGuide() {
  return (
    <section class="guide" aria-label="How to record a NetLog">
      <h2>Recording a NetLog (Chrome, Edge)</h2>
      <ol>
        <li>Open chrome://net-export (edge://net-export in Edge) in a new tab.</li>
        <li>
          Leave <strong>Strip private information</strong> selected (the default): AuthScope still sees every leg, each token's size, the
          SPN the browser asked for and the Kerberos library's answer. Choose <strong>Include raw bytes</strong> only to decode the tokens
          themselves — the file then holds credentials.
        </li>
        <li>Click Start Logging to Disk, reproduce the problem (reload the intranet page), then Stop Logging.</li>
        <li>
          Open the saved .json here. Files of hundreds of MB are read as a stream; a file cut off mid-write still shows what it holds.
        </li>
      </ol>
      <p class="muted">HAR files (DevTools → Network → Export HAR, Fiddler) and IIS logs (u_ex*.log) open the same way.</p>
    </section>
  );
}
