/** The guide's compact view of findings: status as icon and word, what it means, the fix, and what it rests on. */
import type { Finding, FindingStatus } from '../../../preload/contract.ts';
import { useRender, useT, type Translate } from '../../i18n/index.ts';
import { STEP_STATUS_ICON, type StepStatus } from '../../stores/guide.ts';
import { EvidenceFacts, FixBox, HeuristicNote } from '../checks/CheckResults.tsx';

const FINDING_ICON: Readonly<Record<FindingStatus, string>> = { pass: '✓', fail: '✗', warn: '⚠', info: 'ℹ', unknown: '?', skipped: '–' };

export function StepStatusMark({ status, t }: { status: StepStatus; t: Translate }) {
  return (
    <span className={`guide-status guide-status-${status}`} data-step-status={status}>
      <span className="status-icon" aria-hidden="true">
        {STEP_STATUS_ICON[status]}
      </span>
      <span className="status-text">{t(`guide.status.${status}`)}</span>
    </span>
  );
}

export function FindingStatusMark({ status, t }: { status: FindingStatus; t: Translate }) {
  return (
    <span className={`status status-${status}`} data-status={status}>
      <span className="status-icon" aria-hidden="true">
        {FINDING_ICON[status]}
      </span>
      <span className="status-text">{t(`check.status.${status}`)}</span>
    </span>
  );
}

/** Evidence: the request (in words), the code and the server's message a finding rests on. */
export function Evidence({ finding }: { finding: Finding }) {
  return <EvidenceFacts evidence={finding.evidence} className="evidence-facts guide-evidence" />;
}

/** What a finding says and how to fix it, without its title (for rows that name the right themselves). */
export function FindingBody({ finding }: { finding: Finding }) {
  const render = useRender();
  return (
    <>
      <p className="finding-explanation">{render(finding.explanation)}</p>
      {finding.causedBy === undefined && finding.status !== 'pass' && <FixBox finding={finding} />}
      <Evidence finding={finding} />
    </>
  );
}

export function GuideFinding({ finding }: { finding: Finding }) {
  const t = useT();
  const render = useRender();
  return (
    <li className={`finding finding-${finding.status}`} data-finding-id={finding.id} data-status={finding.status}>
      <div className="finding-head">
        <FindingStatusMark status={finding.status} t={t} />
        <strong className="finding-title">{render(finding.title)}</strong>
        {finding.heuristic && <HeuristicNote id={finding.id} />}
      </div>
      <FindingBody finding={finding} />
    </li>
  );
}

export function GuideFindings({ findings, label }: { findings: readonly Finding[]; label: string }) {
  if (findings.length === 0) return null;
  return (
    <ul className="finding-list guide-findings" aria-label={label}>
      {findings.map((f) => (
        <GuideFinding key={f.id} finding={f} />
      ))}
    </ul>
  );
}
