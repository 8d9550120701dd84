/**
 * One cause, one finding: findings that share a cause key are linked so that the one with the lowest rank names
 * the cause and keeps its fix, and every other one refers to it instead of proposing a competing fix.
 */
import type { StepFinding } from './probes.ts';
import { T } from '../domain/i18n/index.ts';
import type { Finding } from './types.ts';

export function linkCauses(findings: readonly StepFinding[]): Finding[] {
  const hosts = new Map<string, StepFinding>();
  for (const f of findings) {
    if (!f.cause || !Number.isFinite(f.cause.rank)) continue;
    const current = hosts.get(f.cause.key);
    if (!current || (current.cause?.rank ?? Infinity) > f.cause.rank) hosts.set(f.cause.key, f);
  }
  return findings.map(({ cause, ...f }) => {
    const host = cause ? hosts.get(cause.key) : undefined;
    if (!host || host.id === f.id) return f;
    const { fixWhere: _dropped, ...rest } = f;
    return {
      ...rest,
      causedBy: host.id,
      fix: null,
      explanation: T('finding.caused-by', { explanation: f.explanation, title: host.title }),
    };
  });
}
