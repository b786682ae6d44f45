// What a case's audit chain records, and how it is checked. One entry per step: when, who, for which
// organisation, what kind of step — and keyed digests instead of content: of the step's own data (names,
// summaries, addresses and agreement text stay in the case file, which the law keeps and deletion requests
// reach, not in a log nothing ever prunes), and of the whole case document as the step left it. So the chain
// covers the case file itself: an edit made in the database, not through a step, shows as a state mismatch —
// whether it is still there (the document no longer matches the last step) or a later step has saved over it
// (that step records the state it started from, which no longer matches the step before).
import type { CaseEvent } from '../../domain/case/events';
import { chain, verifyChain, type AuditKey, type ChainCheck, type Chained } from '../kernel/audit-chain';
import { AppError } from '../kernel/errors';
import type { CaseDoc } from './case-doc';

export interface CaseAuditBody {
  [field: string]: unknown;
  caseId: string;
  /** ISO instant. */
  at: string;
  /** Who: a user id, or 'system' for timers. */
  actor: string;
  /** What: a domain event type or a server step (e.g. `contact_revealed`). */
  type: string;
  /** For which organisation the actor acted, when they acted as staff. */
  actorOrgId?: string;
  /** Keyed digest of the step's own data (the event without who and when). */
  dataDigest: string;
  /** Keyed digest of the case document as this step's save left it. */
  stateDigest: string;
  /** First entry of a save: keyed digest of the case document the save started from. */
  priorDigest?: string;
}

export type CaseAuditEntry = Chained<CaseAuditBody>;

/** A step to record: a domain event, or a server step beside the domain. */
export interface AuditStep {
  at: string;
  actor: string;
  actorOrgId?: string;
  type: string;
  data: Record<string, unknown>;
}

export function stepOfEvent(e: CaseEvent): AuditStep {
  const { at, actor, type, ...rest } = e as CaseEvent & Record<string, unknown>;
  return { at, actor: actor.userId, ...(actor.orgId ? { actorOrgId: actor.orgId } : {}), type, data: rest };
}

/**
 * The case document as the chain sees it: everything but where and how it is stored (`_id`, the platform's
 * `_`-fields, the compare-and-set `version`), the head, which the chain itself checks, and the sweep's bookkeeping.
 */
function stateOf(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_') && !NOT_STATE.has(k)));
}

/**
 * Fields the chain does not cover: the compare-and-set version, the head itself, and the deadline sweep's own
 * bookkeeping (`timerDueAt`, `timerDoneAt`: when it next needs the case), which it moves forward after a run
 * without a step; and the figures' roll-up bookkeeping (`figuresCounted`, `figuresDirtyAt`, `boardCounted`: report/figure-counters.ts). Editing them by hand changes only when the sweep reads the case (its reminders sooner or later,
 * claimed once all the same), never the case.
 */
const NOT_STATE = new Set(['version', 'auditHead', 'timerDueAt', 'timerDoneAt', 'figuresCounted', 'figuresDirtyAt', 'boardCounted']);

export function stateDigest(key: AuditKey, doc: object): string {
  return key.digest(stateOf(doc as Record<string, unknown>));
}

/**
 * The entries for one save, chained after the case's head. `doc` is the document being written (without its
 * head); `before` the one it replaces.
 */
export function caseEntries(key: AuditKey, caseId: string, before: CaseDoc | undefined, doc: object, steps: AuditStep[]) {
  if (before && !before.auditHead) throw new AppError('INTERNAL', '本案的审计记录不完整，暂不能办理，请联系管理员核查');
  const after = stateDigest(key, doc);
  const prior = before ? stateDigest(key, before) : undefined;
  const bodies: CaseAuditBody[] = steps.map((s, i) => ({
    caseId,
    at: s.at,
    actor: s.actor,
    type: s.type,
    ...(s.actorOrgId ? { actorOrgId: s.actorOrgId } : {}),
    dataDigest: key.digest(s.data),
    stateDigest: after,
    ...(i === 0 && prior ? { priorDigest: prior } : {}),
  }));
  return chain(key, before?.auditHead, bodies);
}

/**
 * Checks a case's entries against its head and the document itself. A case always has a head (its
 * registration is its first entry), so a missing one is a failure, never a reason to skip the check.
 */
export function verifyCaseAudit(key: AuditKey, doc: CaseDoc, stored: CaseAuditEntry[]): ChainCheck {
  const entries = [...stored].sort((a, b) => a.seq - b.seq);
  const last = entries[entries.length - 1];
  if (!doc.auditHead) return { ok: false, problem: { kind: 'head_missing', seq: last?.seq ?? 0 } };
  const linked = verifyChain(key, entries, doc.auditHead);
  if (!linked.ok) return linked;
  for (let i = 1; i < entries.length; i++) {
    const e = entries[i];
    if (e.priorDigest !== undefined && e.priorDigest !== entries[i - 1].stateDigest) return { ok: false, problem: { kind: 'state_mismatch', seq: e.seq } };
  }
  if (!last || last.stateDigest !== stateDigest(key, doc)) return { ok: false, problem: { kind: 'state_mismatch', seq: doc.auditHead.seq } };
  return { ok: true };
}
