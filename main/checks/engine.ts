/**
 * The onboarding engine: runs the planned probes in the fewest requests and turns the answers into findings.
 * The effects are thin — one client call per batch; journal, clock and client come from the caller.
 */
import type { CallOutcome, OnOfficeClient } from '../onoffice/client.ts';
import type { Exchange } from '../onoffice/exchange.ts';
import type { Credentials } from '../onoffice/wire.ts';
import { linkCauses } from './causes.ts';
import { firstBatch, plannedFindingIds, secondBatch, stepsFor } from './plan.ts';
import { MAX_EXPECTED, requestTextOf, type FieldList, type MailOptions, type PlanInput, type Probe, type ProbeOutcome, type Refs } from './probes.ts';
import { WEBSITE_PICTURE_CATEGORIES } from './steps/pictures.ts';
import { blockedFindings, gate, type FirstCall } from './steps/connection.ts';
import { checkCredentialFormat } from './steps/credentials.ts';
import { mailTest, mailTestFinding } from './steps/mailbox.ts';
import type { StepName } from './steps/step.ts';
import { summarize, type CheckRun, type Finding } from './types.ts';
import { USE_CASES, customUseCase, rightKey, type RightRequirement, type UseCase, type UseCaseName } from './usecases.ts';

export interface RunCheckOptions {
  runId: string;
  profileId?: string;
  useCase: UseCaseName;
  /** The rights picked for the `custom` use case. */
  customRights?: readonly RightRequirement[];
  /** Admin needed in the `custom` use case. */
  customAdmin?: boolean;
  /** Estate ids the person expects the API user to see. */
  expectEstates?: readonly number[];
  mail?: MailOptions | null;
  /** Field names to check against the active fields of their module (`get fields`). */
  fields?: readonly FieldList[];
  /** A language (ISO 3166-1 alpha-3, e.g. `ENG`) the website shows: expected and published estates must exist in it. */
  language?: string | null;
  /** Picture categories the website shows; the website's usual ones when absent. */
  pictureCategories?: readonly string[];
  /** Run only these steps (re-checking one step); every step when absent. Credentials, connection and clock always. */
  steps?: readonly StepName[];
  /** Used for the format probe only; never copied into a finding. */
  credentials: Credentials;
  /**
   * Builds the client with the engine's exchange hook, so every exchange is recorded and tied to its evidence.
   * Alternatively pass `client` (then evidence carries no exchange ids).
   */
  clientFactory?: (onExchange: (exchange: Exchange) => void) => OnOfficeClient;
  client?: OnOfficeClient;
  /** Stores an exchange in the journal, tagged with the run; returns the journal id (number) or an id (string). */
  recordExchange?: (exchange: Exchange, runId: string) => string | number | readonly number[] | void;
  /** Called once per finding as soon as it is known; `total` is the number of findings the run will have. */
  onProgress?: (finding: Finding, progress: { done: number; total: number }) => void;
  /** Milliseconds since the epoch. */
  now?: () => number;
  signal?: AbortSignal;
}

export function useCaseFor(name: UseCaseName, customRights: readonly RightRequirement[] = [], customAdmin = false): UseCase {
  return name === 'custom' ? customUseCase(customRights, customAdmin) : USE_CASES[name];
}

/**
 * The findings the use case depends on: when one stays `unknown`, the run is inconclusive. Identity, clock, the
 * excess and log findings inform but decide nothing; optional rights are optional.
 */
export function requiredFindingIds(input: PlanInput): Set<string> {
  const u = input.useCase;
  const ids = new Set(['credentials', 'connection', ...u.required.map((r) => `rights:${rightKey(r)}`)]);
  if (u.admin) ids.add('rights:admin');
  if (u.publish.estates) ids.add('publish:estates');
  if (u.publish.addresses) ids.add('publish:addresses');
  if (u.publish.pictures) ids.add('publish:pictures');
  for (const id of input.expectEstates.slice(0, MAX_EXPECTED)) ids.add(`estate:${id}`);
  for (const f of input.fields) ids.add(`fields:${f.module}`);
  if (input.language) ids.add(`language:${input.language}`);
  if (u.mail === 'required' || input.mail !== null) ids.add('mailbox');
  return ids;
}

export async function runCheck(options: RunCheckOptions): Promise<CheckRun> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const input: PlanInput = {
    useCase: useCaseFor(options.useCase, options.customRights, options.customAdmin),
    expectEstates: [...new Set(options.expectEstates ?? [])],
    mail: options.mail ?? null,
    now: startedAt,
    fields: (options.fields ?? []).filter((f) => f.names.length > 0),
    language: options.language ? options.language.trim().toUpperCase() : null,
    pictureCategories: options.pictureCategories && options.pictureCategories.length > 0 ? [...new Set(options.pictureCategories)] : [...WEBSITE_PICTURE_CATEGORIES],
  };
  const steps = stepsFor(options.steps);
  const planned = plannedFindingIds(input, steps);
  const required = requiredFindingIds(input);
  const findings = new Map<string, Finding>();
  const emit = (list: readonly Finding[]): void => {
    for (const raw of list) {
      if (findings.has(raw.id)) continue;
      const f: Finding = required.has(raw.id) ? { ...raw, required: true } : raw;
      findings.set(f.id, f);
      options.onProgress?.(f, { done: findings.size, total: planned.length });
    }
  };

  // Exchanges of the current batch, gathered by the hook the client calls during `call`. A hook may answer one
  // journal id per action (in action order), so each probe's evidence points at its own entry.
  let current: Refs = { exchangeIds: [], journalIds: [] };
  let perAction: (readonly number[])[] = [];
  let exchangeCount = 0;
  const onExchange = (exchange: Exchange): void => {
    exchangeCount += 1;
    const id = options.recordExchange?.(exchange, options.runId);
    if (Array.isArray(id)) perAction.push(id);
    else if (typeof id === 'number') current.journalIds.push(id);
    else current.exchangeIds.push(typeof id === 'string' ? id : `${options.runId}:${exchangeCount}`);
  };
  const maybeClient = options.clientFactory ? options.clientFactory(onExchange) : options.client;
  if (!maybeClient) throw new TypeError('runCheck needs a client or a clientFactory');
  const client: OnOfficeClient = maybeClient;
  const endpointHost = client.endpoint.host;
  let attempts = 0;
  const probes = new Map<string, ProbeOutcome>();

  async function run(batch: readonly Probe[]): Promise<{ outcome: CallOutcome; refs: Refs }> {
    current = { exchangeIds: [], journalIds: [] };
    perAction = [];
    const outcome = await client.call(batch.map((p) => p.spec), { signal: options.signal });
    attempts += outcome.attempts;
    const batchRefs = current;
    const perExchange = perAction;
    const refsOf = (i: number): Refs =>
      perExchange.length === 0
        ? batchRefs
        : { exchangeIds: batchRefs.exchangeIds, journalIds: perExchange.flatMap((ids) => (ids[i] ?? ids[0]) ?? []) };
    batch.forEach((p, i) => {
      const refs = refsOf(i);
      const result = outcome.ok ? outcome.results[i] : undefined;
      probes.set(
        p.key,
        !outcome.ok
          ? { state: 'call-failed', error: outcome.error, refs, request: p.request, requestText: requestTextOf(p) }
          : result?.ok
            ? { state: 'ok', result, refs, request: p.request, requestText: requestTextOf(p) }
            : { state: 'failed', result: result as Extract<typeof result, { ok: false }>, refs, request: p.request, requestText: requestTextOf(p) },
      );
    });
    // The batch's first entry per exchange stands for findings about the call itself.
    return { outcome, refs: refsOf(0) };
  }

  const format = checkCredentialFormat(options.credentials);
  let first: FirstCall | null = null;
  if (format.usable) {
    const { outcome, refs } = await run(firstBatch(input, steps));
    first = { ok: outcome.ok, error: outcome.ok ? null : outcome.error, clockOffsetSeconds: outcome.clockOffsetSeconds, refs };
  }
  const g = gate(format, first, probes, endpointHost);
  emit(linkCauses(g.findings));

  if (g.blocked) {
    emit(linkCauses(blockedFindings(planned, g.blocked)));
  } else {
    const second = secondBatch(input, probes, steps);
    if (second.length > 0) await run(second);
    emit(linkCauses(steps.flatMap((s) => s.findings(input, probes))));
    const mail = steps.some((s) => s.name === 'mailbox') ? mailTest(input) : null;
    if (mail) {
      // Alone and once: the client never retries a `do`, and nothing here calls it twice.
      await run([mail]);
      emit(linkCauses([mailTestFinding(probes.get(mail.key) ?? { state: 'not-run' }, (input.mail?.receiver ?? '').trim())]));
    }
  }

  const ordered = planned.flatMap((id) => {
    const f = findings.get(id);
    return f ? [f] : [];
  });
  const summary = summarize(ordered);
  const inconclusive = ordered.filter((f) => f.required && f.status === 'unknown').length;
  return {
    id: options.runId,
    ...(options.profileId !== undefined ? { profileId: options.profileId } : {}),
    useCase: options.useCase,
    endpointHost,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(now()).toISOString(),
    requests: options.clientFactory ? exchangeCount : attempts,
    ok: summary.fail === 0 && inconclusive === 0,
    inconclusive,
    findings: ordered,
    summary,
  };
}
