// Loads the token fixtures (test/fixtures/tokens, provenance in its README).
import { readFileSync } from 'node:fs';

export interface TokenFixture {
  name: string;
  header: string;
  value: string;
  source: string;
}

export const labTokens: TokenFixture[] = JSON.parse(
  readFileSync(new URL('../fixtures/tokens/lab-tokens.json', import.meta.url), 'utf8'),
) as TokenFixture[];

/** The fixture's token (base64 without the scheme). */
export function labToken(name: string): string {
  const fixture = labTokens.find((entry) => entry.name === name);
  if (!fixture) throw new Error(`no fixture ${name}`);
  return fixture.value.replace(/^\S+\s+/, '');
}

/** Bytes from a hex string with optional whitespace. */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** Base64 of bytes (tests only; core never uses Buffer). */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
