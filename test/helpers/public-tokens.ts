// Public tokens other projects and documents published (test/fixtures/tokens/public-tokens.json; each entry names
// its source, licence and what it is).
import { readFileSync } from 'node:fs';

export interface PublicToken {
  readonly name: string;
  readonly kind: string;
  readonly bytes: number;
  readonly source: string;
  readonly license: string;
  readonly notes: string;
  readonly base64: string;
}

export const publicTokens: readonly PublicToken[] = JSON.parse(
  readFileSync(new URL('../fixtures/tokens/public-tokens.json', import.meta.url), 'utf8'),
) as PublicToken[];

/** The base64 of the public token with this name. */
export function publicToken(name: string): string {
  const token = publicTokens.find((candidate) => candidate.name === name);
  if (!token) throw new Error(`no public token ${name}`);
  return token.base64;
}
