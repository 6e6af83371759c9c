// A decoded token as the user reads it: one plain sentence first (healthy tokens too), the prefix heuristic beside
// the real classification when they disagree, the field tree beside the hex bytes (selecting a field highlights
// its bytes), decode warnings, and — for a pasted token — the findings it supports.
import { useMemo, useState } from 'preact/hooks';
import type { ByteRange, Problem } from '../../core/decode/result';
import type { DecodedTokenText } from '../../core/decode/token/decode';
import { summarizeDecoded } from '../../core/decode/token/summary';
import { diagnoseToken } from '../../core/diagnosis/token-findings';
import { tokenTree } from '../../core/report/token-tree';
import { tokenVerdict } from '../../core/report/token-verdict';
import { FindingView } from './FindingView';
import { HexView } from './HexView';
import { ProblemList } from './ProblemList';
import { TokenTreeView } from './TokenTreeView';

const PREFIX_LABEL = {
  'spnego-or-kerberos': 'YII… (SPNEGO / Kerberos)',
  ntlm: 'TlRM… (NTLM)',
  'spnego-resp': 'oR… (SPNEGO answer)',
} as const;

export function DecodedTokenView({
  decoded,
  warnings,
  withFindings = false,
}: {
  decoded: DecodedTokenText;
  warnings: readonly Problem[];
  /** Show the token's own findings (a pasted token; in an exchange they are among the exchange's). */
  withFindings?: boolean;
}) {
  const [selected, setSelected] = useState<ByteRange | null>(null);
  const { token, bytes, prefixHint } = decoded;
  const findings = useMemo(() => diagnoseToken(summarizeDecoded(decoded)), [decoded]);
  const verdict = tokenVerdict(summarizeDecoded(decoded), findings);
  const misleading = warnings.some((warning) => warning.code === 'prefix-misleading');
  const tree = useMemo(() => tokenTree(token), [token]);
  return (
    <>
      <p class={`token-verdict ${verdict.tone}`} data-token-verdict={verdict.tone}>
        {verdict.text}
      </p>
      {misleading && prefixHint && (
        <p class="problems warning" role="status">
          The prefix says {PREFIX_LABEL[prefixHint]}, the bytes say {token.kind} ({token.mechanism ?? 'no mechanism'}).
        </p>
      )}
      <div class="token-views">
        <TokenTreeView root={tree} selected={selected} onSelect={setSelected} />
        <HexView bytes={bytes} highlight={selected} />
      </div>
      <ProblemList title="Warnings" problems={warnings} severity="warning" />
      {withFindings && findings.map((finding, index) => <FindingView key={index} finding={finding} />)}
    </>
  );
}
