// One file through the shared importer, read in chunks: the import's result, or why the file could not be read at
// all (missing, a directory, no permission) — which `analyze` calls a usage problem and the inventory a skipped file.
import { FileImport, type ImportedSession } from '../core/import/file-import';
import type { Result } from '../core/decode/result';

export function importFile(
  path: string,
  chunks: (path: string) => Iterable<string>,
): { result: Result<ImportedSession> } | { unreadable: string } {
  const file = new FileImport();
  try {
    for (const chunk of chunks(path)) file.push(chunk);
  } catch (error) {
    return { unreadable: error instanceof Error ? error.message : String(error) };
  }
  return { result: file.finish() };
}
