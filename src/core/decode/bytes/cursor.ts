// Bounds-checked little-endian reads over a byte window; every failed read aborts with a code and offset.
// Offsets reported are absolute: `base` is where `bytes` starts inside the outermost token.
import { abort } from '../result';

/** Reads little-endian integers and slices from a window, refusing any read past its end. */
export class ByteCursor {
  constructor(
    readonly bytes: Uint8Array,
    readonly base = 0,
  ) {}

  get length(): number {
    return this.bytes.length;
  }

  /** Aborts unless `[at, at + size)` lies inside the window. */
  need(at: number, size: number, what: string): void {
    if (at < 0 || size < 0 || at + size > this.bytes.length) {
      abort(
        'past-end',
        `${what} needs ${size} byte(s) at offset ${this.base + at} but the message ends at ${this.base + this.bytes.length}`,
        this.base + Math.min(Math.max(at, 0), this.bytes.length),
      );
    }
  }

  /**
   * Aborts with `code` unless the `size` bytes a field names at `offset` (from the window's start) lie inside the
   * window: the check of NTLM security buffers and NegoEx vectors. `field` is where the naming field sits.
   */
  claimInside(offset: number, size: number, field: number, code: string, what: string): void {
    if (size > 0 && offset + size > this.bytes.length) {
      abort(code, `${what}: ${size} byte(s) at offset ${offset} lie outside the ${this.bytes.length}-byte message`, this.base + field);
    }
  }

  u8(at: number, what: string): number {
    this.need(at, 1, what);
    return this.bytes[at] as number;
  }

  u16(at: number, what: string): number {
    this.need(at, 2, what);
    return (this.bytes[at] as number) | ((this.bytes[at + 1] as number) << 8);
  }

  u32(at: number, what: string): number {
    this.need(at, 4, what);
    const b = this.bytes;
    return ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>> 0;
  }

  /** 64-bit little-endian unsigned integer as a float (exact below 2^53; FILETIMEs lose under 2 µs). */
  u64(at: number, what: string): number {
    const low = this.u32(at, what);
    return this.u32(at + 4, what) * 4294967296 + low;
  }

  slice(at: number, size: number, what: string): Uint8Array {
    this.need(at, size, what);
    return this.bytes.subarray(at, at + size);
  }
}
