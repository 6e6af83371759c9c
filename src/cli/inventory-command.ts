// `authscope analyze --inventory [--json|--csv] <files or directories…>`: one row per origin over many NetLogs and
// HARs (and IIS logs), read one file at a time — each file's exchanges are added to the inventory and dropped — with
// progress on stderr. A file that is not a known format is named and skipped; the rest still count.
import { importFile } from './import-file';
import { Inventory, inventoryCsv, inventoryJson, inventoryMarkdown } from '../core/report/inventory';
import { visibleControls as shown } from '../core/report/escape';
import type { CliIo } from './authscope';

export function inventoryCommand(args: readonly string[], io: CliIo): number {
  const json = args.includes('--json');
  const csv = args.includes('--csv');
  const operands = args.filter((arg) => arg !== '--json' && arg !== '--csv' && arg !== '--inventory');
  const unknownFlag = operands.find((arg) => arg.startsWith('--'));
  if (unknownFlag || operands.length === 0 || (json && csv)) {
    io.err(
      unknownFlag
        ? `authscope analyze: unknown option ${unknownFlag}`
        : json && csv
          ? 'authscope analyze --inventory: choose --json or --csv'
          : 'authscope analyze --inventory: give files or directories',
    );
    return 1;
  }
  let files: string[];
  try {
    files = io.files(operands);
  } catch (error) {
    io.err(`authscope: cannot read ${shown(error instanceof Error ? error.message : String(error))}`);
    return 1;
  }
  const inventory = new Inventory();
  let read = 0;
  files.forEach((path, index) => {
    const progress = `[${index + 1}/${files.length}] ${shown(path)}`;
    const opened = importFile(path, io.chunks);
    if ('unreadable' in opened) {
      io.err(`${progress}: skipped, cannot read it: ${shown(opened.unreadable)}`);
      return;
    }
    const imported = opened.result;
    if (!imported.ok) {
      io.err(`${progress}: skipped, ${shown(imported.error.message)} (${imported.error.code})`);
      return;
    }
    const name = path.split(/[\\/]/).pop() ?? path;
    for (const exchange of imported.value.exchanges) inventory.add(exchange, name);
    read++;
    io.err(`${progress}: ${imported.value.source}, ${imported.value.exchanges.length} exchanges`);
  });
  const rows = inventory.rows();
  if (json) io.out(JSON.stringify(inventoryJson(rows), null, 2));
  else if (csv) io.out(inventoryCsv(rows).trimEnd());
  else io.out(rows.length === 0 ? 'No authentication exchanges in these files.' : inventoryMarkdown(rows));
  io.err(`${read} of ${files.length} files read, ${rows.length} origins`);
  return read === 0 ? 2 : 0;
}
