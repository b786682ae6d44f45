// A case step the server takes beside the domain: reading a sealed phone number, collecting consents,
// reviewing flagged text. It may end in a domain command (e.g. `extend_deadline` once every party agreed),
// and it is saved like any other step — compare-and-set, audited in the case's chain, idempotent.
import type { CaseCommand } from '../../domain/case/commands';
import type { Actor } from '../../domain/case/context';
import type { Case } from '../../domain/case/model';
import type { CaseEvent } from '../../domain/case/events';
import { execute } from '../../domain/case/execute';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import type { Caller } from './caller';
import type { Directory } from './org-cache';
import { hashPayload, replayOf, requestKey, retryOnLostRace, saveChange, type CaseDoc, type Outgoing, type SealedContact, type ServerEventType, type TimelineEntry } from './store';
import { domainContext, loadForCaller, orThrow, progressNotices, type Performer, type Resolve } from './use-cases';
import { heldFields, screenTexts, type TextToCheck, type VerdictMemo } from './text-screen';

type Ctx = RequestContext<ServerDeps>;

export interface ServerStepOutcome<R> {
  /** Audited server-side steps (personal-data reads, consents, reviews); `reason` is shown on the timeline. */
  audit: Array<{ type: ServerEventType; data: Record<string, unknown>; reason?: string }>;
  /** A domain command this step completes, run as `actor` (who asked for it). */
  command?: { actor: Actor; command: CaseCommand };
  /** The case with its text changed outside the lifecycle (content review only). */
  state?: Case;
  fields?: Record<string, unknown>;
  /** The timeline with its text changed (content review only). */
  timeline?: TimelineEntry[];
  contacts?: SealedContact[];
  outgoing?: Outgoing[];
  /** Free text others will read, run through the content check before saving (text-screen.ts). */
  texts?: TextToCheck[];
  /**
   * What the caller is answered (or how to make it from the case after the step); remembered for replays, so
   * it must hold no personal data.
   */
  result: R | ((state: Case) => R);
}

export interface StepScope {
  caller: Caller;
  doc: CaseDoc;
  dir: Directory;
  who: Performer;
}

/** Runs the domain's decision for `command` on `c` without saving: the events, or the domain's coded refusal. */
export function decideOn(c: Case, command: CaseCommand, actor: Actor, dir: Directory, now: Date): { state: Case; events: CaseEvent[] } {
  const exec = execute(c, command, domainContext(actor, dir, now));
  orThrow(exec);
  return { state: exec.state, events: exec.events };
}

export async function serverStep<R>(
  ctx: Ctx,
  caseId: string,
  payload: unknown,
  resolve: Resolve,
  act: (scope: StepScope) => ServerStepOutcome<R> | Promise<ServerStepOutcome<R>>,
): Promise<{ result: R; doc: CaseDoc; replayed: boolean }> {
  const key = requestKey(ctx.openid, `${ctx.fn}.${ctx.action}`, ctx.requestId!);
  const payloadHash = hashPayload(payload);
  const verdicts: VerdictMemo = new Map();
  return retryOnLostRace(async () => {
    const { caller, doc, dir } = await loadForCaller(ctx, caseId);
    const replay = replayOf(doc, key, payloadHash);
    if (replay) return { result: replay.result as R, doc, replayed: true };
    const who = resolve(caller, doc, dir);
    const out = await act({ caller, doc, dir, who });
    let state = out.state ?? doc.case;
    let events: CaseEvent[] = [];
    if (out.command) ({ state, events } = decideOn(state, out.command.command, out.command.actor, dir, ctx.now));
    const at = ctx.now.toISOString();
    const held = heldFields(doc, await screenTexts(ctx, doc, out.texts, verdicts));
    const answer = typeof out.result === 'function' ? (out.result as (s: Case) => R)(state) : out.result;
    const result = held.underReview && answer && typeof answer === 'object' ? ({ ...answer, underReview: true } as R) : answer;
    const saved = await saveChange(ctx.deps, {
      before: doc,
      state,
      events,
      request: { key, payloadHash, result },
      outgoing: [...progressNotices(state, events), ...(out.outgoing ?? [])],
      ...(out.contacts ? { contacts: out.contacts } : {}),
      ...(out.timeline ? { timeline: out.timeline } : {}),
      extraFields: { ...out.fields, ...held.fields },
      extraAudit: out.audit.map((a) => ({ type: a.type, at, actor: ctx.openid, ...(who.actor.orgId ? { actorOrgId: who.actor.orgId } : {}), data: a.data, ...(a.reason ? { reason: a.reason } : {}) })),
    });
    return { result, doc: saved, replayed: false };
  });
}
