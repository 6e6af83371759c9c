import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { gunzipSync } from 'node:zlib';

const CHUNK_BYTES = 1 << 20;

/** True when the file starts with gzip's magic number (RFC 1952 §2.3.1). */
function isGzip(fd: number): boolean {
  const magic = Buffer.alloc(2);
  return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
}

/**
 * Reads a file (or stdin for "-") in 1 MB chunks, decoding UTF-8 across chunk boundaries, so huge NetLogs are never
 * held whole. A gzip file (a NetLog or HAR kept compressed) is inflated first, in memory.
 */
export function* fileChunks(path: string): Iterable<string> {
  const fd = path === '-' ? 0 : openSync(path, 'r');
  const decoder = new StringDecoder('utf8');
  try {
    if (fd !== 0 && isGzip(fd)) {
      const text = gunzipSync(readFileSync(fd));
      for (let at = 0; at < text.length; at += CHUNK_BYTES) yield decoder.write(text.subarray(at, at + CHUNK_BYTES));
    } else {
      const buffer = Buffer.alloc(CHUNK_BYTES);
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) yield decoder.write(buffer.subarray(0, read));
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}
