// A case step the server takes beside the domain: reading a sealed phone number, collecting consents,
// reviewing flagged text. It may end in a domain command (e.g. `extend_deadline` once every party agreed),
// and it is saved like any other step — compare-and-set, audited in the case's chain, idempotent.
import type { CaseCommand } from '../../domain/case/commands';
import type { Actor } from '../../domain/case/context';
import type { Case } from '../../domain/case/model';
import type { CaseEvent } from '../../domain/case/events';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import type { Caller } from './caller';
import type { Directory } from './org-cache';
import type { CaseDoc, Outgoing, SealedContact, ServerEventType, TimelineEntry } from './store';
import { loadForCallerIn, progressNotices, type Performer, type Resolve } from './steps';
import { caseStep, decide } from './pipeline';
import type { TextToCheck } from './text-screen';

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
  return decide(c, [{ actor, command }], dir, now) as { state: Case; events: CaseEvent[] };
}

export async function serverStep<R>(
  ctx: Ctx,
  caseId: string,
  payload: unknown,
  resolve: Resolve,
  act: (scope: StepScope) => ServerStepOutcome<R> | Promise<ServerStepOutcome<R>>,
  /** Free text from the input others will read (the content check, text-screen.ts). */
  texts?: TextToCheck[],
): Promise<{ result: R; doc: CaseDoc; replayed: boolean }> {
  const out = await caseStep(ctx, {
    caseId,
    payload,
    texts,
    load: async (tx) => {
      const { caller, doc, dir } = await loadForCallerIn(ctx, tx, caseId);
      return { doc, dir, scope: caller };
    },
    progress: progressNotices,
    plan: async (doc, dir, caller) => {
      const who = resolve(caller, doc!, dir);
      const out = await act({ caller, doc: doc!, dir, who });
      return {
        state: out.state,
        commands: out.command ? [out.command] : [],
        audit: out.audit,
        actorOrgId: who.actor.orgId,
        actorName: caller.name,
        fields: out.fields,
        contacts: out.contacts,
        timeline: out.timeline,
        notices: () => out.outgoing ?? [],
        answer: (state, underReview) => {
          const answer = typeof out.result === 'function' ? (out.result as (s: Case) => R)(state) : out.result;
          return underReview && answer && typeof answer === 'object' ? ({ ...answer, underReview: true } as R) : answer;
        },
      };
    },
  });
  return { result: out.answer, doc: out.doc, replayed: out.replayed };
}
