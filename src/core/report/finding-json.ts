// The stable JSON shape of a finding (CLI --json, exports): later versions may add fields, never rename them.
import type { Finding } from '../diagnosis/finding';

export interface FindingJson {
  readonly id: string;
  readonly severity: string;
  readonly title: string;
  readonly url: string | null;
  readonly evidence: readonly { readonly leg: number | null; readonly source: string; readonly name: string; readonly value: string }[];
  readonly explanation: string;
  readonly fixes: readonly {
    readonly text: string;
    readonly commands: readonly string[];
    /** Why some commands are not offered (a name from the capture failed the host / SPN grammar); null if none. */
    readonly withheld: string | null;
    readonly settings: readonly { platform: string; how: string; value: string }[];
  }[];
  readonly missing: string | null;
  /** Public documents the explanation and fixes rest on (added in 0.2). */
  readonly sources: readonly { readonly title: string; readonly url: string }[];
}

export function findingJson(finding: Finding): FindingJson {
  return {
    id: finding.id,
    severity: finding.severity,
    title: finding.title,
    url: finding.url,
    evidence: finding.evidence.map(({ leg, source, name, value }) => ({ leg, source, name, value })),
    explanation: finding.explanation,
    fixes: finding.fixes.map((fix) => ({
      text: fix.text,
      commands: [...(fix.commands ?? [])],
      withheld: fix.withheld ?? null,
      settings: (fix.settings ?? []).map(({ platform, how, value }) => ({ platform, how, value })),
    })),
    missing: finding.missing,
    sources: finding.sources.map(({ title, url }) => ({ title, url })),
  };
}
