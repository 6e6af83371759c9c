// One performance goal's outcome, printed by each `npm run bench` section for the report's summary
// (scripts/bench.ts collects these lines and leaves the section's own tables as they are), and the median
// every section reports.

export interface GoalResult {
  /** What is measured, e.g. "decode, SPNEGO ⊃ Kerberos AP-REQ". */
  readonly measure: string;
  /** The goal as the issue states it, e.g. "≤ 3× atob". */
  readonly goal: string;
  /** The figure, e.g. "2.95× (2.05–6.07)". */
  readonly measured: string;
  readonly met: boolean;
}

export const GOAL_LINE_PREFIX = 'BENCH-GOAL ';

export function reportGoal(result: GoalResult): void {
  console.log(`${GOAL_LINE_PREFIX}${JSON.stringify(result)}`);
}

/** The middle value (the upper of the two middles for an even count), as every bench section reports it. */
export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
