// Runs every rule over exchanges: the same engine for live capture (Chromium, Firefox), NetLog and HAR imports.
import type { Exchange } from '../exchange/model';
import { summarizeExchange } from '../exchange/summary';
import { SEVERITY_RANK, type DiagnosisEnvironment, type ExchangeRule, type Finding, type FindingSeverity, type RuleId } from './finding';
import { authFailed } from './rules/auth-failed';
import { authLoop } from './rules/auth-loop';
import { credentialPrompt } from './rules/credential-prompt';
import { delegation } from './rules/delegation';
import { headerTooLarge } from './rules/header-too-large';
import { iisSubstatus } from './rules/iis-substatus';
import { kerberosOk } from './rules/kerberos-ok';
import { kerberosRejected } from './rules/kerberos-rejected';
import { kernelMode } from './rules/kernel-mode';
import { noMutualAuth } from './rules/no-mutual-auth';
import { noTokenSent } from './rules/no-token-sent';
import { ntlmFallback } from './rules/ntlm-fallback';
import { ntlmUsed } from './rules/ntlm-used';
import { persistentAuth } from './rules/persistent-auth';
import { preauthFirstRequest } from './rules/preauth-first-request';
import { privateWindow } from './rules/private-window';
import { proxyAuth } from './rules/proxy-auth';
import { sizeEstimate } from './rules/size-estimate';
import { spnMismatch } from './rules/spn-mismatch';
import { tokenWeaknessesRule } from './rules/token-weaknesses';

/** Every rule, most decisive first (the order findings are listed in). */
export const RULES: readonly ExchangeRule[] = [
  preauthFirstRequest,
  headerTooLarge,
  authLoop,
  kerberosRejected,
  noTokenSent,
  authFailed,
  proxyAuth,
  credentialPrompt,
  ntlmFallback,
  spnMismatch,
  privateWindow,
  tokenWeaknessesRule,
  kerberosOk,
  ntlmUsed,
  sizeEstimate,
  noMutualAuth,
  delegation,
  kernelMode,
  persistentAuth,
  iisSubstatus,
];

/** favicon.ico gets its own 401s in both browsers and is never authenticated (PLATFORM notes): not a finding. */
const isFavicon = (exchange: Exchange) => /\/favicon\.ico(?:$|\?)/.test(exchange.url);

const findingsCache = new WeakMap<Exchange, readonly Finding[]>();

/** The findings of one exchange, worst first. Exchanges are immutable, so each is diagnosed once. */
export function diagnoseExchange(exchange: Exchange, environment: DiagnosisEnvironment = {}): readonly Finding[] {
  const useCache = environment.predictedSpn == null;
  const cached = useCache ? findingsCache.get(exchange) : undefined;
  if (cached) return cached;
  if (isFavicon(exchange)) return [];
  const context = { exchange, summary: summarizeExchange(exchange), environment };
  const findings = RULES.flatMap((rule) => rule.check(context));
  const sorted = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] || a.index - b.index);
  const result = sorted.map(({ finding }) => finding);
  if (useCache) findingsCache.set(exchange, result);
  return result;
}

export function diagnose(exchanges: readonly Exchange[], environment: DiagnosisEnvironment = {}): Finding[] {
  return exchanges.flatMap((exchange) => diagnoseExchange(exchange, environment));
}

export function worstSeverity(findings: readonly Finding[]): FindingSeverity | null {
  let worst: FindingSeverity | null = null;
  for (const finding of findings) if (!worst || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[worst]) worst = finding.severity;
  return worst;
}

/** Findings across exchanges, one per rule id and title (the copy / CLI "all findings" list), with the count. */
export function dedupeFindings(findings: readonly Finding[]): { readonly finding: Finding; readonly count: number }[] {
  const groups = new Map<string, { finding: Finding; count: number }>();
  for (const finding of findings) {
    const key = `${finding.id}\u0000${finding.title}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { finding, count: 1 });
  }
  return [...groups.values()];
}

export const ALL_RULE_IDS: readonly RuleId[] = RULES.flatMap((rule) => rule.ids);
