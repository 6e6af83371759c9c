// Runs every rule over an exchange: the same verdicts for live capture (Chromium, Firefox), NetLog and HAR
// imports. The badge and the panel's list read verdicts only; findings.ts adds the advice where findings are read.
import type { Exchange } from '../exchange/model';
import { summarizeExchange } from '../exchange/summary';
import { SEVERITY_RANK, type DiagnosisEnvironment, type ExchangeRule, type FindingSeverity, type RuleId, type Verdict } from './finding';
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
import { clockSkewRule } from './rules/clock-skew';
import { http11Required } from './rules/http11-required';
import { ipHost } from './rules/ip-host';
import { noChannelBinding } from './rules/no-channel-binding';
import { ntlmDependency } from './rules/ntlm-dependency';

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
  ipHost,
  clockSkewRule,
  noChannelBinding,
  ntlmDependency,
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
  http11Required,
];

export const ALL_RULE_IDS: readonly RuleId[] = RULES.flatMap((rule) => rule.ids);

/** favicon.ico gets its own 401s in both browsers and is never authenticated (docs/platform-notes.md): not a finding. */
export const isFavicon = (exchange: Exchange): boolean => /\/favicon\.ico(?:$|\?)/.test(exchange.url);

const verdictsCache = new WeakMap<Exchange, readonly Verdict[]>();

/** The verdicts on one exchange, worst first. Exchanges are immutable, so each is judged once (unless the
 *  environment adds facts, e.g. a predicted SPN). */
export function verdictsOf(exchange: Exchange, environment: DiagnosisEnvironment = {}): readonly Verdict[] {
  const useCache = environment.predictedSpn == null;
  const cached = useCache ? verdictsCache.get(exchange) : undefined;
  if (cached) return cached;
  if (isFavicon(exchange)) return [];
  const context = { exchange, summary: summarizeExchange(exchange), environment };
  const verdicts = RULES.flatMap((rule) => rule.check(context));
  const sorted = verdicts
    .map((verdict, index) => ({ verdict, index }))
    .sort((a, b) => SEVERITY_RANK[b.verdict.severity] - SEVERITY_RANK[a.verdict.severity] || a.index - b.index)
    .map(({ verdict }) => verdict);
  if (useCache) verdictsCache.set(exchange, sorted);
  return sorted;
}

/** Errors and warnings are problems: the badge counts them, the per-origin strip calls them failures, the
 * Problems toggle shows them. Info is not. */
export function isProblem(severity: FindingSeverity | null | undefined): severity is 'error' | 'warning' {
  return severity === 'error' || severity === 'warning';
}

export function worstSeverity(verdicts: readonly Verdict[]): FindingSeverity | null {
  let worst: FindingSeverity | null = null;
  for (const verdict of verdicts) if (!worst || SEVERITY_RANK[verdict.severity] > SEVERITY_RANK[worst]) worst = verdict.severity;
  return worst;
}
