// The inventory: every origin this browser's capture holds (all tabs) and every NetLog or HAR added here, one row
// each — how it signs in, whether it depends on NTLM and why, channel binding, Kerberos etypes, last seen — sortable,
// copied or saved as CSV and Markdown (the same as `authscope analyze --inventory`).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { FileImport } from '../../core/import/file-import';
import { INVENTORY_COLUMNS, Inventory, type InventoryRow, inventoryCsv, inventoryMarkdown } from '../../core/report/inventory';
import type { Exchange } from '../../core/exchange/model';
import { browser } from '../../shared/browser';
import { isAllExchangesResponse, panelRequest } from '../../shared/protocol';
import { copyText } from '../clipboard';
import { downloadText } from '../download';

/** Reads one file through the same importer as the Import view; its exchanges, or why it was skipped. */
async function readExchanges(file: File): Promise<{ exchanges: readonly Exchange[] } | { error: string }> {
  const reader = new FileImport();
  const decoder = new TextDecoder();
  const step = 4 * 1024 * 1024;
  for (let offset = 0; offset < file.size; offset += step) {
    const bytes = new Uint8Array(await file.slice(offset, offset + step).arrayBuffer());
    reader.push(decoder.decode(bytes, { stream: offset + step < file.size }));
  }
  const result = reader.finish();
  return result.ok ? { exchanges: result.value.exchanges } : { error: `${result.error.message} (${result.error.code})` };
}

/** Numbers sort as numbers, the rest as text. */
function compareCells(a: string, b: string): number {
  const numbers = [Number(a), Number(b)];
  return a !== '' && b !== '' && numbers.every(Number.isFinite) ? (numbers[0] as number) - (numbers[1] as number) : a.localeCompare(b);
}

export function InventoryView() {
  const [live, setLive] = useState<readonly Exchange[] | null>(null);
  const [files, setFiles] = useState<readonly { name: string; exchanges: readonly Exchange[] }[]>([]);
  const [skipped, setSkipped] = useState<readonly string[]>([]);
  const [includeLive, setIncludeLive] = useState(true);
  const [sort, setSort] = useState<{ column: number; descending: boolean } | null>(null);
  const [said, setSaid] = useState('');

  useEffect(() => {
    browser.runtime
      .sendMessage(panelRequest('get-all-exchanges'))
      .then((reply: unknown) => setLive(isAllExchangesResponse(reply) ? reply.exchanges : []))
      .catch(() => setLive([]));
  }, []);

  const rows = useMemo<InventoryRow[]>(() => {
    const inventory = new Inventory();
    if (includeLive) for (const exchange of live ?? []) inventory.add(exchange, 'live');
    for (const file of files) for (const exchange of file.exchanges) inventory.add(exchange, file.name);
    const list = inventory.rows();
    if (!sort) return list;
    const column = INVENTORY_COLUMNS[sort.column];
    if (!column) return list;
    const sorted = [...list].sort((a, b) => compareCells(column.text(a), column.text(b)));
    return sort.descending ? sorted.reverse() : sorted;
  }, [live, files, includeLive, sort]);

  const addFiles = async (list: FileList | null | undefined) => {
    const added: { name: string; exchanges: readonly Exchange[] }[] = [];
    const refused: string[] = [];
    for (const file of Array.from(list ?? [])) {
      const read = await readExchanges(file).catch((caught: unknown) => ({
        error: caught instanceof Error ? caught.message : String(caught),
      }));
      if ('error' in read) refused.push(`${file.name}: ${read.error}`);
      else added.push({ name: file.name, exchanges: read.exchanges });
    }
    setFiles((current) => [...current, ...added]);
    setSkipped((current) => [...current, ...refused]);
  };

  return (
    <section class="tool-view inventory" aria-label="Inventory" data-inventory={rows.length}>
      <p class="muted">
        Every site seen, one row each: which sign-ins used Kerberos or NTLM, which sites depend on NTLM (they stop working where Windows
        blocks NTLM) and why Kerberos was not used, whether NTLM over HTTPS binds to the TLS channel (Extended Protection), and the Kerberos
        ticket encryption (RC4 is being removed). Chromium hides its own tokens: open NetLogs here for the full answer.
      </p>
      <div class="inventory-toolbar">
        <label>
          <input
            type="checkbox"
            checked={includeLive}
            onChange={(event) => setIncludeLive((event.currentTarget as HTMLInputElement).checked)}
          />{' '}
          This browser’s capture, all tabs ({live === null ? 'reading…' : `${live.length} exchanges`})
        </label>
        <label>
          Add NetLogs or HARs{' '}
          <input
            type="file"
            multiple
            accept=".json,.har,.log,.txt"
            onChange={(event) => void addFiles((event.currentTarget as HTMLInputElement).files)}
          />
        </label>
        <button disabled={rows.length === 0} onClick={() => setSaid(copyText(inventoryCsv(rows)) ? 'CSV copied' : 'Copy failed')}>
          Copy CSV
        </button>
        <button disabled={rows.length === 0} onClick={() => downloadText('authscope-inventory.csv', inventoryCsv(rows), 'text/csv')}>
          Save CSV
        </button>
        <button disabled={rows.length === 0} onClick={() => setSaid(copyText(inventoryMarkdown(rows)) ? 'Markdown copied' : 'Copy failed')}>
          Copy Markdown
        </button>
        <span role="status" class="muted">
          {said}
        </span>
      </div>
      {files.length > 0 && (
        <p class="muted">Files: {files.map((file) => `${file.name} (${file.exchanges.length} exchanges)`).join(', ')}</p>
      )}
      {skipped.length > 0 && (
        <p role="alert" class="problems warning">
          Not read: {skipped.join('; ')}
        </p>
      )}
      {rows.length === 0 ? (
        <p class="muted">No authentication exchanges yet: browse to intranet sites, or add NetLogs or HARs.</p>
      ) : (
        <div class="inventory-scroll">
          <table class="log-lines" aria-label="Sites and how they sign in">
            <thead>
              <tr>
                {INVENTORY_COLUMNS.map((column, index) => (
                  <th key={column.title} aria-sort={sort?.column === index ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                    <button
                      class="link-button"
                      onClick={() =>
                        setSort(
                          sort?.column === index ? { column: index, descending: !sort.descending } : { column: index, descending: false },
                        )
                      }
                    >
                      {column.title}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.origin} class={row.ntlmDependency ? 'warning' : row.failed > 0 ? 'error' : ''} data-origin={row.origin}>
                  {INVENTORY_COLUMNS.map((column) => (
                    <td key={column.title}>{column.text(row)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
