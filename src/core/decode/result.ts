// Result and problem types shared by every decoder: decoders never throw, they return one of these.
// A problem always names a stable `code` and the byte (or character) `offset` where it was found.

/** A decoding problem: stable kebab-case code, readable message, offset into the input. */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly offset: number;
}

/** `[start, end)` byte range of a decoded field inside the outermost token. */
export type ByteRange = readonly [start: number, end: number];

/** Outcome of a decoder: a value with warnings, or an error. */
export type Result<T> =
  { readonly ok: true; readonly value: T; readonly warnings: readonly Problem[] } | { readonly ok: false; readonly error: Problem };

/** A successful result. */
export function ok<T>(value: T, warnings: readonly Problem[] = []): Result<T> {
  return { ok: true, value, warnings };
}

/** A failed result. */
export function fail<T = never>(code: string, message: string, offset: number): Result<T> {
  return { ok: false, error: { code, message, offset } };
}

/** Builds a problem record (used for warnings). */
export function problem(code: string, message: string, offset: number): Problem {
  return { code, message, offset };
}

/** Internal control flow for deep decoders: thrown only inside a decoder and caught at its public edge. */
export class DecodeAbort extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** Aborts the current decode with a problem; only call inside `guard`. */
export function abort(code: string, message: string, offset: number): never {
  throw new DecodeAbort({ code, message, offset });
}

/**
 * Runs a decoder body that may `abort`, turning aborts into a failed Result.
 * Any other exception is a bug in the decoder; it is still reported as a Result so callers never crash.
 */
export function guard<T>(body: (warnings: Problem[]) => T): Result<T> {
  const warnings: Problem[] = [];
  try {
    return ok(body(warnings), warnings);
  } catch (caught) {
    if (caught instanceof DecodeAbort) return { ok: false, error: caught.problem };
    const message = caught instanceof Error ? caught.message : String(caught);
    return fail('internal-error', `decoder bug: ${message}`, 0);
  }
}
