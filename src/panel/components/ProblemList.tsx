// Lists decode problems with their code and byte offset.
import type { Problem } from '../../core/decode/result';

export function ProblemList({ title, problems, severity }: { title: string; problems: readonly Problem[]; severity: 'error' | 'warning' }) {
  if (problems.length === 0) return null;
  return (
    <div class={`problems ${severity}`} role={severity === 'error' ? 'alert' : 'status'}>
      <h2>{title}</h2>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.code}-${problem.offset}`}>
            <code>{problem.code}</code> at {problem.offset}: {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
