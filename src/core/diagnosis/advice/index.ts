// Every finding id's advice. Typed as a complete record: a new rule id does not compile until it has advice.
import type { Advice, Adviser, Finding, RuleId, TokenAdviser, Verdict } from '../finding';
import { SOURCES_BY_RULE } from './sources';
import { authFailedAdvice } from './auth-failed';
import { authLoopAdvice } from './auth-loop';
import { credentialPromptAdvice } from './credential-prompt';
import { delegationAdvice } from './delegation';
import { headerTooLargeAdvice } from './header-too-large';
import { iisSubstatusAdvice } from './iis-substatus';
import { kerberosErrorAdvice, kerberosRejectedAdvice } from './kerberos-rejected';
import { kerberosOkAdvice } from './kerberos-ok';
import { kernelModeAdvice } from './kernel-mode';
import { noMutualAuthAdvice } from './no-mutual-auth';
import { noTokenSentAdvice } from './no-token-sent';
import { ntlmFallbackAdvice } from './ntlm-fallback';
import { ntlmUsedAdvice } from './ntlm-used';
import { persistentAuthAdvice } from './persistent-auth';
import { preauthFirstRequestAdvice } from './preauth-first-request';
import { privateWindowAdvice } from './private-window';
import { proxyAuthAdvice } from './proxy-auth';
import { sizeEstimateAdvice } from './size-estimate';
import { spnMismatchAdvice } from './spn-mismatch';
import { ntlmV1Advice, tokenWeaknessAdvice } from './token-weaknesses';
import { readinessAdvice } from './readiness';

/** Advice that needs only the verdict: what a lone token's findings can be. */
export const TOKEN_ADVICE = {
  ...tokenWeaknessAdvice,
  'kerberos-error': kerberosErrorAdvice,
} satisfies Partial<Record<RuleId, TokenAdviser>>;

export const ADVICE: Readonly<Record<RuleId, Adviser>> = {
  ...TOKEN_ADVICE,
  'ntlm-v1': ntlmV1Advice,
  ...noTokenSentAdvice,
  ...readinessAdvice,
  'auth-failed': authFailedAdvice,
  'auth-loop': authLoopAdvice,
  'credential-prompt': credentialPromptAdvice,
  delegation: delegationAdvice,
  'header-too-large': headerTooLargeAdvice,
  'iis-substatus': iisSubstatusAdvice,
  'kerberos-ok': kerberosOkAdvice,
  'kerberos-rejected': kerberosRejectedAdvice,
  'kernel-mode': kernelModeAdvice,
  'no-mutual-auth': noMutualAuthAdvice,
  'ntlm-fallback': ntlmFallbackAdvice,
  'ntlm-used': ntlmUsedAdvice,
  'persistent-auth': persistentAuthAdvice,
  'preauth-first-request': preauthFirstRequestAdvice,
  'private-window': privateWindowAdvice,
  'proxy-auth': proxyAuthAdvice,
  'size-says-kerberos': sizeEstimateAdvice,
  'size-says-ntlm': sizeEstimateAdvice,
  'spn-mismatch': spnMismatchAdvice,
};

/** A verdict with its advice and the public sources its rule cites: one finding. */
export function finding(verdict: Verdict, advice: Advice): Finding {
  const cited = [...advice.sources, ...(SOURCES_BY_RULE[verdict.id] ?? [])];
  return {
    ...verdict,
    ...advice,
    sources: cited.filter((source, index) => cited.findIndex((other) => other.url === source.url) === index),
  };
}
