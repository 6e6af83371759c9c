// Reads a file the user opened or dropped through the importer every view shares (core/import/file-import.ts), in
// chunks: NetLogs stream, the panel stays responsive, and progress can be shown.
import { FileImport, type ImportedSession } from '../core/import/file-import';
import type { Result } from '../core/decode/result';

/** Bytes read per step: big enough to be fast, small enough to keep the panel responsive and show progress. */
const CHUNK_BYTES = 4 * 1024 * 1024;

export async function readImportFile(
  file: File,
  onProgress: (fraction: number) => void = () => undefined,
): Promise<Result<ImportedSession>> {
  const reader = new FileImport();
  const decoder = new TextDecoder();
  for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
    const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    reader.push(decoder.decode(bytes, { stream: offset + CHUNK_BYTES < file.size }));
    onProgress(Math.min(1, (offset + CHUNK_BYTES) / file.size));
  }
  return reader.finish();
}
