// The stable JSON of `authscope probe --json` (docs/json.md), also what the companion sends the panel. Never a
// ticket, a key or a raw token: the handshake's exchange is written the way `analyze --json` writes it without
// tokens, and the tools' words are one line each.
import type { Finding } from '../diagnosis/finding';
import type { ProbeFacts } from '../diagnosis/probe';
import { exchangeJson } from './analysis-json';
import { findingJson } from './finding-json';

export function probeJson(facts: ProbeFacts, findings: readonly Finding[]) {
  return {
    url: facts.url,
    host: facts.host,
    canonicalName: facts.canonicalName,
    nameSource: facts.nameSource,
    ipHost: facts.ipHost,
    spn: facts.spn,
    ticket: facts.ticket ? { ok: facts.ticket.ok, error: facts.ticket.error, etype: facts.ticket.etype, said: facts.ticket.said } : null,
    credentials: facts.credentials
      ? {
          tgt: facts.credentials.tgt,
          principal: facts.credentials.principal,
          expires: facts.credentials.expires,
          said: facts.credentials.said,
        }
      : null,
    clockSkewSeconds: facts.clockSkewSeconds,
    policy: facts.policy
      ? { browser: facts.policy.browser, allows: facts.policy.allows, basis: facts.policy.basis, values: facts.policy.values }
      : null,
    exchange: facts.exchange ? { ...exchangeJson(facts.exchange, [], false), curl: facts.curlNotes } : null,
    missing: facts.missing,
    findings: findings.map(findingJson),
  };
}

export type ProbeJson = ReturnType<typeof probeJson>;
