/**
 * One cause, one finding: findings that share a cause key are linked so that the one with the lowest rank names
 * the cause and keeps its fix, and every other one refers to it instead of proposing a competing fix.
 */
import type { StepFinding } from './probes.ts';
import { L } from './types.ts';
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
    return {
      ...f,
      causedBy: host.id,
      fix: null,
      explanation: L(`${f.explanation.de} Ursache und Behebung: siehe „${host.title.de}“.`, `${f.explanation.en} Cause and fix: see "${host.title.en}".`),
    };
  });
}
