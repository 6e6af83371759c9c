// Deterministic fuzzing of the core decoders: random bytes and mutations (bit flips, truncation, length-field
// tampering, insertions, splices) of real vectors. Used by the unit suite (a smoke run) and `npm run fuzz`.
import { explainIisLog } from '../../src/core/import/iis-log/explain';
import { importText } from '../../src/core/import/file-import';
import { readFileSync } from 'node:fs';
import { decodeBase64 } from '../../src/core/decode/bytes/base64';
import { parseChallenges, parseCredentials } from '../../src/core/decode/http/auth-header';
import { decodeNtlmMessage } from '../../src/core/decode/ntlm/decode';
import { renderTree, tokenTree } from '../../src/core/report/token-tree';
import { decodeTokenBytes } from '../../src/core/decode/token/decode';
import { decodeInput } from '../../src/core/decode/token/input';
import { tokenJson } from '../../src/core/report/token-json';

/** xorshift32: the same seed gives the same cases on every machine. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  below(limit: number): number {
    return limit <= 0 ? 0 : this.next() % limit;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)] as T;
  }
}

interface Fixture {
  value: string;
}

/** Seed tokens: every lab capture, every public token (NegoEx, IAKerb, user-to-user among them) and the MS-NLMP
 *  §4.2.4.3 CHALLENGE_MESSAGE. */
export function seedTokens(): Uint8Array[] {
  const fixtures = JSON.parse(readFileSync(new URL('../../test/fixtures/tokens/lab-tokens.json', import.meta.url), 'utf8')) as Fixture[];
  const published = JSON.parse(readFileSync(new URL('../../test/fixtures/tokens/public-tokens.json', import.meta.url), 'utf8')) as {
    base64: string;
  }[];
  const spec =
    '4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef000000000000000024002400440000000600701700000' +
    '00f53006500720076006500720002000c0044006f006d00610069006e0001000c005300650072007600650072000000000000';
  return [
    ...fixtures.map((fixture) => new Uint8Array(Buffer.from(fixture.value.replace(/^\S+\s+/, ''), 'base64'))),
    ...published.map((token) => new Uint8Array(Buffer.from(token.base64, 'base64'))),
    Uint8Array.from(spec.match(/../g) ?? [], (pair) => parseInt(pair, 16)),
  ];
}

const LENGTH_BYTES = [0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0xff];

/** One mutated input built from the seeds. */
export function mutate(random: Random, seeds: readonly Uint8Array[]): Uint8Array {
  const seed = random.pick(seeds);
  const bytes = Uint8Array.from(seed);
  switch (random.below(7)) {
    case 0:
      return Uint8Array.from({ length: random.below(600) }, () => random.below(256));
    case 1: {
      for (let flips = 1 + random.below(8); flips > 0 && bytes.length > 0; flips--) {
        const at = random.below(bytes.length);
        bytes[at] = (bytes[at] as number) ^ (1 << random.below(8));
      }
      return bytes;
    }
    case 2:
      return bytes.subarray(0, random.below(bytes.length + 1));
    case 3: {
      // DER lengths and NTLM (len, maxLen, offset) fields are where decoders are most often wrong.
      if (bytes.length === 0) return bytes;
      const at = random.below(bytes.length);
      if (random.below(2) === 0) bytes[at] = random.pick(LENGTH_BYTES);
      else {
        const field = 12 + 2 * random.below(28);
        const value = random.pick([0, 1, 0x7fff, 0xffff, bytes.length, bytes.length + 1, random.below(0x10000)]);
        if (field + 1 < bytes.length) {
          bytes[field] = value & 0xff;
          bytes[field + 1] = value >> 8;
        }
      }
      return bytes;
    }
    case 4: {
      const at = random.below(bytes.length + 1);
      const inserted = Uint8Array.from({ length: 1 + random.below(16) }, () => random.below(256));
      return Uint8Array.from([...bytes.subarray(0, at), ...inserted, ...bytes.subarray(at)]);
    }
    case 5: {
      const at = random.below(bytes.length + 1);
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(Math.min(bytes.length, at + 1 + random.below(32)))]);
    }
    default: {
      const other = random.pick(seeds);
      const cut = random.below(bytes.length + 1);
      return Uint8Array.from([...bytes.subarray(0, cut), ...other.subarray(random.below(other.length + 1))]);
    }
  }
}

const HEADER_PIECES = [
  'Negotiate',
  'NTLM',
  'Basic',
  'realm="x"',
  ',',
  ' ',
  '=',
  '"',
  '\\',
  '\n',
  'oRQw',
  'TlRM==',
  'a=b',
  ', ,',
  'Digest nonce="',
];

/** A mutated header value built from auth-header pieces and random characters. */
export function mutateHeader(random: Random): string {
  let text = '';
  for (let pieces = random.below(12); pieces > 0; pieces--) {
    text += random.below(4) === 0 ? String.fromCharCode(random.below(0x250)) : random.pick(HEADER_PIECES);
  }
  return text;
}

const LOG_PIECES = [
  '#Fields: date time c-ip cs-uri-stem sc-status sc-substatus sc-win32-status cs-bytes',
  '#Fields: sc-status',
  '#Software: IIS',
  '2024-01-01',
  '00:00:00',
  '10.0.0.1',
  '/app',
  '401',
  '200',
  '2',
  '1',
  '5',
  '2148074254',
  '-',
  '+',
  ' ',
  '\n',
  '\r\n',
];

/** A mutated IIS W3C log built from log pieces and random characters. */
export function mutateLog(random: Random): string {
  let text = '';
  for (let pieces = random.below(40); pieces > 0; pieces--) {
    text += random.below(6) === 0 ? String.fromCharCode(random.below(0x250)) : random.pick(LOG_PIECES);
    if (random.below(3) === 0) text += random.pick([' ', '\n']);
  }
  return text;
}

export interface FuzzTarget<Input = unknown> {
  readonly name: string;
  /** Builds one input from the random stream. */
  input(random: Random, seeds: readonly Uint8Array[]): Input;
  /** Runs the decoder on it; returns its outcome ("ok" or the error code), or a failure when it misbehaved. */
  check(input: Input): Outcome;
}

/** Keeps each target's input type while listing them together. */
function target<Input>(definition: FuzzTarget<Input>): FuzzTarget {
  return definition as FuzzTarget;
}

/** What one case did: its outcome code, and a failure description when the decoder misbehaved. */
export interface Outcome {
  readonly outcome: string;
  readonly failure?: string;
}

/** Checks that a decoder result is a proper Result and not a caught bug. */
function checkResult(result: { ok: boolean; error?: { code: string } }): Outcome {
  if (typeof result.ok !== 'boolean') return { outcome: 'invalid', failure: 'returned something that is not a Result' };
  const outcome = result.ok ? 'ok' : (result.error?.code ?? 'no-code');
  return outcome === 'internal-error' ? { outcome, failure: 'decoder bug caught by guard' } : { outcome };
}

export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  target({
    name: 'token bytes (SPNEGO / Kerberos / NTLM)',
    input: mutate,
    check(bytes: Uint8Array) {
      const result = decodeTokenBytes(bytes);
      if (result.ok) {
        renderTree(tokenTree(result.value));
        JSON.stringify(tokenJson(result.value));
      }
      return checkResult(result);
    },
  }),
  target({
    name: 'NTLM message',
    input: mutate,
    check: (bytes: Uint8Array) => checkResult(decodeNtlmMessage(bytes)),
  }),
  target({
    name: 'base64 text',
    input(random, seeds) {
      const chars = [...Buffer.from(mutate(random, seeds)).toString(random.below(2) ? 'base64' : 'base64url')];
      for (let edits = random.below(4); edits > 0 && chars.length > 0; edits--)
        chars[random.below(chars.length)] = String.fromCharCode(random.below(128));
      return chars.join('');
    },
    check: (text: string) => checkResult(decodeBase64(text)),
  }),
  target({
    name: 'auth headers',
    input: (random) => mutateHeader(random),
    check(text: string) {
      const challenges = parseChallenges(text);
      const credentials = parseCredentials(text);
      const lists = Array.isArray(challenges.challenges) && Array.isArray(credentials.challenges);
      return lists
        ? { outcome: `${challenges.challenges.length} challenge(s)` }
        : { outcome: 'invalid', failure: 'parser returned no list' };
    },
  }),
  target({
    name: 'pasted input (header line → token)',
    input(random, seeds) {
      const token = Buffer.from(mutate(random, seeds)).toString('base64');
      return `${random.pick(['', 'Authorization: ', 'WWW-Authenticate: ', 'X: '])}${random.pick(['', 'Negotiate ', 'NTLM '])}${mutateHeader(random)}${token}`;
    },
    check: (text: string) => checkResult(decodeInput(text).result),
  }),
  target({
    name: 'import (NetLog lines / HAR)',
    input(random) {
      const netlog = random.below(2) === 0;
      const pieces = netlog
        ? [
            '{"constants":{"logEventTypes":{"URL_REQUEST_START_JOB":1,"HTTP_TRANSACTION_SEND_REQUEST_HEADERS":2,"HTTP_TRANSACTION_READ_RESPONSE_HEADERS":3,"REQUEST_ALIVE":4},"logSourceType":{"URL_REQUEST":1}},\n"events": [\n',
            '{"phase":1,"source":{"id":1,"type":1},"time":"5","type":1,"params":{"url":"http://a/","method":"GET"}},\n',
            '{"phase":0,"source":{"id":1,"type":1},"time":"6","type":2,"params":{"headers":["Authorization: [12 bytes were stripped]"]}},\n',
            '{"phase":0,"source":{"id":1,"type":1},"time":"7","type":3,"params":{"headers":["HTTP/1.1 401 X","WWW-Authenticate: Negotiate"]}},\n',
            '{"phase":2,"source":{"id":1,"type":1},"time":"8","type":4,"params":{"net_error":-3}}],\n',
            '}',
            ',',
            '"',
            '\n',
          ]
        : [
            '{"log":{"entries":[',
            '{"request":{"url":"http://a/","headers":[{"name":"Authorization","value":"NTLM TlRM"}]},"response":{"status":401,"headers":[]}}',
            ',',
            ']}}',
            '"',
            '{',
            '}',
          ];
      let text = random.below(4) === 0 ? '' : (pieces[0] as string);
      for (let count = random.below(12); count > 0; count--)
        text += random.below(8) === 0 ? String.fromCharCode(random.below(0x250)) : random.pick(pieces);
      return text;
    },
    check(text: string) {
      const result = importText(text);
      if (result.ok) JSON.stringify(result.value.exchanges);
      return checkResult(result);
    },
  }),
  target({
    name: 'IIS W3C log',
    input: (random) => mutateLog(random),
    check(text: string) {
      const result = explainIisLog(text);
      if (result.ok) JSON.stringify(result.value.stories);
      return checkResult(result);
    },
  }),
];

export interface FuzzReport {
  readonly target: string;
  readonly cases: number;
  readonly failures: readonly string[];
  /** Slowest single case as first measured (includes GC pauses and JIT warm-up). */
  readonly worstMicroseconds: number;
  /** That slowest input timed again in isolation (median of 21 runs): its real cost. */
  readonly worstInputRetimedMicroseconds: number;
  /** How many cases ended in each outcome: shows the mutations reach deep into the decoders. */
  readonly outcomes: Readonly<Record<string, number>>;
}

/** Runs `iterations` cases against one target; exceptions and misbehaviour are collected, never thrown. */
export function fuzz(target: FuzzTarget, iterations: number, seed: number, seeds = seedTokens()): FuzzReport {
  const random = new Random(seed);
  const failures: string[] = [];
  const outcomes: Record<string, number> = {};
  let worst = 0;
  let worstInput: unknown = null;
  for (let index = 0; index < iterations; index++) {
    const input = target.input(random, seeds);
    const started = performance.now();
    const result = safeCheck(target, input);
    const elapsed = performance.now() - started;
    if (elapsed > worst) {
      worst = elapsed;
      worstInput = input;
    }
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    if (result.failure && failures.length < 10) failures.push(`case ${index} (seed ${seed}): ${result.failure}`);
  }
  const retimes: number[] = [];
  for (let run = 0; run < 21; run++) {
    const started = performance.now();
    safeCheck(target, worstInput);
    retimes.push(performance.now() - started);
  }
  retimes.sort((left, right) => left - right);
  return {
    target: target.name,
    cases: iterations,
    failures,
    worstMicroseconds: Math.round(worst * 1000),
    worstInputRetimedMicroseconds: Math.round((retimes[10] ?? 0) * 1000),
    outcomes,
  };
}

function safeCheck(target: FuzzTarget, input: unknown): Outcome {
  try {
    return target.check(input);
  } catch (caught) {
    return { outcome: 'threw', failure: `threw ${caught instanceof Error ? caught.stack : String(caught)}` };
  }
}
