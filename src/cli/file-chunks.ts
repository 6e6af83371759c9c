import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Reads a file (or stdin for "-") in 1 MB chunks, decoding UTF-8 across chunk boundaries, so huge NetLogs are never held whole. */
export function* fileChunks(path: string): Iterable<string> {
  const fd = path === '-' ? 0 : openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) yield decoder.write(buffer.subarray(0, read));
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}
