// What the diagnosis engine produces: findings with stable ids, each citing the evidence it used and the fix.
import type { ExchangeSummary } from '../exchange/summary';
import type { Evidence, Exchange } from '../exchange/model';
import type { Source } from './advice/sources';

export type { Evidence };

export type FindingSeverity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Readonly<Record<FindingSeverity, number>> = { error: 3, warning: 2, info: 1 };

/** Stable rule ids: the panel, badge, copy, CLI and importers all use them. */
export type RuleId =
  | 'kerberos-ok'
  | 'ntlm-used'
  | 'ntlm-fallback'
  | 'no-token-sent'
  | 'not-allowlisted'
  | 'spn-unknown'
  | 'no-kerberos-credentials'
  | 'kerberos-rejected'
  | 'kerberos-error'
  | 'auth-loop'
  | 'preauth-first-request'
  | 'size-says-kerberos'
  | 'size-says-ntlm'
  | 'header-too-large'
  | 'kernel-mode'
  | 'persistent-auth'
  | 'proxy-auth'
  | 'weak-etype'
  | 'ntlm-v1'
  | 'anonymous-ntlm'
  | 'no-mutual-auth'
  | 'spn-mismatch'
  | 'iis-substatus'
  | 'private-window'
  | 'delegation'
  | 'auth-failed'
  | 'credential-prompt'
  | 'ntlm-dependency'
  | 'ip-host'
  | 'no-channel-binding'
  | 'clock-skew'
  | 'http11-required';

/** A ready-to-apply setting for one platform (registry value, policy JSON, Firefox pref, command). */
export interface PlatformSetting {
  /** The operating system the setting is made on; 'firefox' for Firefox's own prefs and policies (any system). */
  readonly platform: 'windows' | 'linux' | 'macos' | 'firefox';
  /** The one Chromium-family browser it is for, when its location differs per browser (the Windows registry). */
  readonly browser?: 'chrome' | 'edge';
  readonly how: string;
  readonly value: string;
}

export interface Fix {
  readonly text: string;
  /** Commands to run as shown (setspn, klist, ...); every name in them passed the strict host / SPN grammar. */
  readonly commands?: readonly string[];
  /** Why some commands are missing (a name from the capture failed the grammar). */
  readonly withheld?: string;
  readonly settings?: readonly PlatformSetting[];
}

/**
 * What a rule decided about an exchange or a token: which finding, how bad, its title and the evidence it rests on.
 * No prose beyond the title: the badge (in the service worker) and the list need only this, so the explanations
 * and fixes live in advice/ and load only where a finding is read (issue 5: background bundle ≤ 30 KB gz).
 */
export interface Verdict {
  readonly id: RuleId;
  readonly severity: FindingSeverity;
  readonly title: string;
  /** The exchange the verdict is about (null for a lone token or a log line). */
  readonly exchangeId: string | null;
  readonly url: string | null;
  readonly evidence: readonly Evidence[];
  /** What the verdict is about when a rule can give several: a KRB-ERROR name. */
  readonly subject?: string;
}

/** The reading of a verdict: why it matters, how to fix it, and what the source did not show. */
export interface Advice {
  readonly explanation: string;
  readonly fixes: readonly Fix[];
  /** What the source did not show that would make the finding certain, and how to get it. */
  readonly missing: string | null;
  /** Public documents the explanation and fixes rest on. */
  readonly sources: readonly Source[];
  /** The next step in one short sentence (the headline's); the first fix's first sentence when absent. */
  readonly next?: string;
}

/** A verdict with its advice: what the panel, copy, CLI and exports show. */
export interface Finding extends Verdict, Advice {}

/** What the shell knows about the browser beyond the exchange (all optional; unknown = null). */
export interface DiagnosisEnvironment {
  /** The SPN the browser will ask for, predicted from DNS (Firefox `dns.resolve` canonical name) and the port. */
  readonly predictedSpn?: string | null;
}

/** Everything a rule may read about one exchange. */
export interface ExchangeContext {
  readonly exchange: Exchange;
  readonly summary: ExchangeSummary;
  readonly environment: DiagnosisEnvironment;
}

export interface ExchangeRule {
  /** The ids of the findings this rule can produce (one file per rule; a rule may refine itself). */
  readonly ids: readonly RuleId[];
  /** Verdicts this exchange supports; none when the evidence is absent (rules never guess). */
  check(context: ExchangeContext): readonly Verdict[];
}

/** Explains a verdict of an exchange rule. */
export type Adviser = (verdict: Verdict, context: ExchangeContext) => Advice;

/** Explains a verdict read from a token alone (it applies to a pasted token as to an exchange). */
export type TokenAdviser = (verdict: Verdict) => Advice;
