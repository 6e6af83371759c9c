// The inventory: every origin this browser's capture holds (all tabs) and every NetLog or HAR added here, one row
// each — how it signs in, whether it depends on NTLM and why, channel binding, Kerberos etypes, last seen — sortable,
// copied or saved as CSV and Markdown (the same as `authscope analyze --inventory`).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { INVENTORY_COLUMNS, Inventory, type InventoryRow, inventoryCsv, inventoryMarkdown } from '../../core/report/inventory';
import type { Exchange } from '../../core/exchange/model';
import type { ImportedSession } from '../../core/import/file-import';
import { fail } from '../../core/decode/result';
import { browser } from '../../shared/browser';
import { isAllExchangesResponse, panelRequest } from '../../shared/protocol';
import { copyText } from '../clipboard';
import { downloadText } from '../download';
import { readImportFile } from '../read-file';

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

  const unsorted = useMemo<InventoryRow[]>(() => {
    const inventory = new Inventory();
    if (includeLive) for (const exchange of live ?? []) inventory.add(exchange, 'live');
    for (const file of files) for (const exchange of file.exchanges) inventory.add(exchange, file.name);
    return inventory.rows();
  }, [live, files, includeLive]);
  // Sorting re-orders the rows; the inventory is built again only when its exchanges change.
  const rows = useMemo<InventoryRow[]>(() => {
    const column = sort ? INVENTORY_COLUMNS[sort.column] : undefined;
    if (!sort || !column) return unsorted;
    const sorted = [...unsorted].sort((a, b) => compareCells(column.text(a), column.text(b)));
    return sort.descending ? sorted.reverse() : sorted;
  }, [unsorted, sort]);

  const addFiles = async (list: FileList | null | undefined) => {
    const added: { name: string; exchanges: readonly Exchange[] }[] = [];
    const refused: string[] = [];
    for (const file of Array.from(list ?? [])) {
      const read = await readImportFile(file).catch((caught: unknown) =>
        fail<ImportedSession>('file-unreadable', caught instanceof Error ? caught.message : String(caught), 0),
      );
      if (read.ok) added.push({ name: file.name, exchanges: read.value.exchanges });
      else refused.push(`${file.name}: ${read.error.message} (${read.error.code})`);
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
