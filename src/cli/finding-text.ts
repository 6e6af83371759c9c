// A finding as the CLI's text output prints it, for `decode` (one fix line) and `probe` (a line per fix, with its
// commands). A fix without text prints no "fix:" line: a bare label would read as a fix that says nothing.
import type { Finding } from '../core/diagnosis/finding';
import { visibleControls as shown } from '../core/report/escape';

/** `decode`: the finding, its explanation, and its fixes' texts on one line when any has text. */
export function decodeFindingLines(finding: Finding): string[] {
  const texts = finding.fixes.map((fix) => fix.text.trim()).filter((text) => text.length > 0);
  return [
    `finding: [${finding.severity}] ${finding.id}: ${shown(finding.title)}\n  ${shown(finding.explanation)}`,
    ...(texts.length > 0 ? [`  fix: ${texts.map(shown).join(' / ')}`] : []),
  ];
}

/** `probe`: the finding, its evidence, then its first `limit` fixes — each text (when it has one) and its commands. */
export function probeFindingLines(finding: Finding, limit: number): string[] {
  return [
    `  [${finding.severity}] ${finding.id}: ${shown(finding.title)}`,
    ...finding.evidence.map(
      (item) => `    ${item.source}${item.leg === null ? '' : ` leg ${item.leg + 1}`} ${shown(item.name)}: ${shown(item.value)}`,
    ),
    ...finding.fixes
      .slice(0, limit)
      .flatMap((fix) => [
        ...(fix.text.trim() ? [`    fix: ${shown(fix.text.trim())}`] : []),
        ...(fix.commands ?? []).map((command) => `      $ ${shown(command)}`),
      ]),
  ];
}
