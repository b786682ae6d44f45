// The one step pipeline every change to a case goes through (filing, a party's or a mediator's step, a booking,
// a server-side step, joining by invitation, the deadline sweep's steps excepted — they have no client to answer).
// A use-case says only what its step changes, as a plan: the domain commands and who runs them, audited server
// steps, fields kept beside the domain state, documents inserted, removed or rewritten with it, notices, texts
// for the content check, and its answer. The pipeline owns everything else, the same way for every step:
//   the request's idempotency key (caller × function.action × client request id) and the payload's hash;
//   loading, inside the step's one transaction (the step's own `load`: the case, the directory, whatever the
//     use-case must know of the caller): a document read there and written by the step cannot have changed in
//     between (under CloudBase's snapshot isolation the write would fail as a conflict), so nothing is read twice;
//   replay: a request id the case already answered is answered as the first time (or by `replay`), and the same
//     id with another payload is refused (REQUEST_ID_REUSED);
//   deciding: the plan's commands run in order through the domain's `execute`, a refusal becomes its coded error;
//   the content check of the step's free text (`texts`, known from the input): asked before the transaction opens
//     (WeChat's answer is not waited for with the case held), its verdicts applied once the step is decided (held
//     texts and `underReview`, text-screen.ts);
//   saving: the new state, its audit entries, notices, inserts, removals and other writes committed in that same
//     transaction, compare-and-set on the version the step was decided on (store.ts saveChange); a replay, a
//     refusal or an error rolls it back;
//   a lost race: the whole pass runs again on fresh data (retryOnLostRace), where a replay answers or the step is
//     decided afresh (and may now be refused).
import type { CaseCommand } from '../../domain/case/commands';
import type { Actor } from '../../domain/case/context';
import type { CaseEvent } from '../../domain/case/events';
import { execute } from '../../domain/case/execute';
import type { Case } from '../../domain/case/model';
import type { DomainError } from '../../domain/shared/errors';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { transact, type CasWrite, type Delete, type Insert, type StepTx, type Update } from '../kernel/unit-of-work';
import type { Directory } from './org-cache';
import { hashPayload, replayOf, requestKey, retryOnLostRace, saveChange, type CaseDoc, type Outgoing, type SealedContact, type ServerEventType, type TimelineEntry } from './store';
import { askContentCheck, heldFields, screenTexts, type TextToCheck, type VerdictMemo } from './text-screen';

type Ctx = RequestContext<ServerDeps>;

/** What the domain decides with: the time, who acts, the organisation tree and the deployment's rules and calendar. */
export function domainContext(actor: Actor, dir: Directory, now: Date) {
  return { now: now.toISOString(), actor, orgTree: dir.tree, calendar: dir.settings.calendar, rules: dir.settings.rules, categoryLabel: dir.settings.categories.label };
}

/** The domain's refusal as the coded error the mini-program shows. */
export function orThrow<T extends { ok: boolean }>(r: T): asserts r is Extract<T, { ok: true }> {
  if (!r.ok) {
    const e = (r as unknown as { error: DomainError }).error;
    throw new AppError(e.code, e.message);
  }
}

/** Runs `commands` on `c` in order without saving: the new state and every event, or the first refusal. */
export function decide(c: Case | undefined, commands: ReadonlyArray<{ actor: Actor; command: CaseCommand }>, dir: Directory, now: Date): { state: Case | undefined; events: CaseEvent[] } {
  let state = c;
  const events: CaseEvent[] = [];
  for (const { actor, command } of commands) {
    const exec = execute(state, command, domainContext(actor, dir, now));
    orThrow(exec);
    state = exec.state;
    events.push(...exec.events);
  }
  return { state, events };
}

/** What one step changes. Everything but `answer` is optional. */
export interface StepPlan<R> {
  /** The case as changed outside the lifecycle (a join, a content review), before the commands; the loaded case by default. */
  state?: Case;
  /** Domain commands, run in order, each as its actor. */
  commands?: Array<{ actor: Actor; command: CaseCommand }>;
  /** Or the commands' outcome, when the plan had to decide them first to know the rest (see `decide`). */
  decided?: { state: Case; events: CaseEvent[] };
  /** Audited server-side steps beside the domain's events; `reason` is shown on the timeline. */
  audit?: Array<{ type: ServerEventType; data: Record<string, unknown>; reason?: string }>;
  /** The organisation the step is taken for, recorded with its audited server steps. */
  actorOrgId?: string;
  /** The name of the member of staff taking the step, kept on the case for the audit trail (`actorNames`). */
  actorName?: string;
  /** Server-side fields kept on the case document beside the domain state. */
  fields?: Record<string, unknown>;
  contacts?: SealedContact[];
  /** The timeline as this step rewrote it (a redaction). */
  timeline?: TimelineEntry[];
  inserts?: Insert[];
  deletes?: Delete[];
  /** Other documents written compare-and-set in the same transaction, made once the new state is known. */
  writes?: (state: Case) => CasWrite[] | Promise<CasWrite[]>;
  /** Other documents updated field by field in the same transaction without reading them (unit-of-work `Update`). */
  updates?: Update[];
  /** Notices beside the progress notices every step sends (see `progress`). */
  notices?: (state: Case, events: CaseEvent[]) => Outgoing[];
  /** The answer, from the new state; `underReview` when the content check held some of the step's text. */
  answer: (state: Case, underReview: boolean) => R;
  /** What to remember for replays when the answer holds a secret that must not rest on the case; the answer by default. */
  remember?: (answer: R) => unknown;
  /** Nothing to change (e.g. joining a case one already joined): answered from the case as it stands, nothing saved. */
  unchanged?: boolean;
}

export interface StepSpec<S, R> {
  /** The case's id (a new case's is derived from the request, so a replayed filing meets the case it made). */
  caseId: string;
  /** The validated input, hashed to tell a replay from a reused request id. */
  payload: unknown;
  /** `function.action` in the idempotency key; the route's own by default. */
  fnAction?: string;
  /**
   * Reads what the step decides on, the case through `tx` (inside the step's transaction); `doc` undefined for a
   * case not yet made.
   */
  load: (tx: StepTx) => Promise<{ doc: CaseDoc | undefined; dir: Directory; scope: S }>;
  /** The answer to a replay from what was remembered; the remembered answer by default. */
  replay?: (remembered: unknown, doc: CaseDoc, dir: Directory, scope: S) => R | Promise<R>;
  /** The step, decided on what was loaded; `tx` reads further documents in the same transaction (calendars, counters). */
  plan: (doc: CaseDoc | undefined, dir: Directory, scope: S, tx: StepTx) => StepPlan<R> | Promise<StepPlan<R>>;
  /** The progress notices (progressNotices) for the step's events; passed in so the pipeline stays area-neutral. */
  progress?: (state: Case, events: CaseEvent[]) => Outgoing[];
  /** Passes before giving up on lost races (a filing's rate-limit counters may be contended). */
  retries?: number;
  /**
   * Free text others will read (from the input): the content check is asked before the transaction opens, its
   * verdicts applied once the step is decided (a risky text refuses the step, a doubtful one is held).
   */
  texts?: TextToCheck[];
}

/** The outcome of a step: the answer, the case as saved (or as found, on a replay), and whether it was a replay. */
export interface StepOutcome<R> {
  answer: R;
  doc: CaseDoc;
  replayed: boolean;
}

export async function caseStep<S, R>(ctx: Ctx, spec: StepSpec<S, R>): Promise<StepOutcome<R>> {
  const key = requestKey(ctx.openid, spec.fnAction ?? `${ctx.fn}.${ctx.action}`, ctx.requestId!);
  const payloadHash = hashPayload(spec.payload);
  // The content check answers once per request, however many passes a lost race takes, before any transaction.
  const verdicts: VerdictMemo = new Map();
  await askContentCheck(ctx, spec.texts, verdicts);
  const pass = async (tx: StepTx): Promise<StepOutcome<R>> => {
    const { doc, dir, scope } = await spec.load(tx);
    const replay = replayOf(doc, key, payloadHash);
    if (replay && doc) return { answer: spec.replay ? await spec.replay(replay.result, doc, dir, scope) : (replay.result as R), doc, replayed: true };
    const plan = await spec.plan(doc, dir, scope, tx);
    if (plan.unchanged && doc) return { answer: plan.answer(doc.case, false), doc, replayed: false };
    const decided = plan.decided ?? decide(plan.state ?? doc?.case, plan.commands ?? [], dir, ctx.now);
    if (!decided.state) throw new Error('caseStep: a step with no case and no command to make one');
    const { state, events } = decided;
    const screened = doc ? heldFields(doc, screenTexts(ctx, doc, spec.texts, verdicts)) : { fields: {}, underReview: false };
    const answer = plan.answer(state, screened.underReview);
    const at = ctx.now.toISOString();
    const saved = await saveChange(ctx.deps, {
      tx,
      before: doc,
      state,
      events,
      request: { key, payloadHash, result: plan.remember ? plan.remember(answer) : answer },
      actor: { userId: ctx.openid, ...(plan.actorName ? { name: plan.actorName } : {}) },
      outgoing: [...(spec.progress?.(state, events) ?? []), ...(plan.notices?.(state, events) ?? [])],
      ...(plan.contacts ? { contacts: plan.contacts } : {}),
      ...(plan.timeline ? { timeline: plan.timeline } : {}),
      extraFields: { ...plan.fields, ...screened.fields },
      extraInserts: plan.inserts,
      extraDeletes: plan.deletes,
      extraWrites: plan.writes ? await plan.writes(state) : undefined,
      extraUpdates: plan.updates,
      extraAudit: (plan.audit ?? []).map((a) => ({ type: a.type, at, actor: ctx.openid, ...(plan.actorOrgId ? { actorOrgId: plan.actorOrgId } : {}), data: a.data, ...(a.reason ? { reason: a.reason } : {}) })),
    });
    return { answer, doc: saved, replayed: false };
  };
  return retryOnLostRace(() => transact(ctx.deps.db, pass), spec.retries);
}

