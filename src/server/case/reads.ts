// The case screens' reads: one case as the caller may see it (getCase), the caller's own cases (myCases), an
// organisation's queue (triageQueue), and the list line they share (listItem).
import { PARTY_STATUS_LABEL, STATUS_LABEL } from '../../domain/case/labels';
import { nextDeadline } from '../../domain/case/deadlines';
import { getDoc, queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import { relationTo } from '../cases/access';
import { loadCaller, orgOfGrants } from '../cases/caller';
import { loadDirectory, orgName, type Directory } from '../cases/org-cache';
import { CASES, LIST_PROJECTION, type ListedCaseDoc } from '../cases/store';
import { caseView, partyNextStep } from './view';
import { invitationStates } from './invites';
import { referralView } from './referral-view';
import { caseExperts } from './experts';
import type { CaseListItem, CaseView } from './case.types';
import { type Ctx, loadForCaller } from '../cases/steps';

export async function getCase(caseId: string, ctx: Ctx): Promise<CaseView> {
  const { caller, doc, dir } = await loadForCaller(ctx, caseId);
  const relation = relationTo(caller, doc.case, dir);
  // Someone with no relation learns nothing, not even that the case exists.
  if (!relation) throw AppError.of('NOT_FOUND');
  const view = caseView(doc, relation, ctx.openid, dir, ctx.deps.pii);
  if (relation === 'staff') {
    const referral = referralView(doc, ctx.deps.pii, ctx.now);
    if (referral) view.referral = referral;
  }
  if (view.nextSession) view.nextSession = await withPlaceAndMediator(ctx, view.nextSession, doc.case.mediatorId);
  if ((relation === 'staff' || relation === 'party') && doc.case.expertIds?.length) view.experts = await caseExperts(ctx.deps.db, doc.case.expertIds, ctx.openid);
  // Staff see where each invitation stands: sent when, opened or not, still valid or expired.
  if (relation === 'staff' && view.parties && doc.case.status !== 'closed') {
    const states = await invitationStates(ctx.deps.db, caseId, ctx.now);
    view.parties = view.parties.map((p) => {
      const state = states.get(p.partyId);
      return state && !p.joined ? { ...p, invitation: state } : p;
    });
  }
  return view;
}

/** The booked session with its room (name, address, coordinates) and the mediator's name: the appointment card. */
async function withPlaceAndMediator(ctx: Ctx, s: NonNullable<CaseView['nextSession']>, mediatorId: string | undefined): Promise<NonNullable<CaseView['nextSession']>> {
  type RoomDoc = { name?: string; address?: string; latitude?: number; longitude?: number };
  const [room, mediator] = await Promise.all([
    s.roomId ? getDoc<RoomDoc>(ctx.deps.db, 'rooms', s.roomId) : undefined,
    mediatorId ? getDoc<{ name?: string }>(ctx.deps.db, 'users', mediatorId) : undefined,
  ]);
  const point = typeof room?.latitude === 'number' && typeof room?.longitude === 'number' ? { latitude: room.latitude, longitude: room.longitude } : {};
  return {
    ...s,
    ...(room?.name ? { room: { name: room.name, address: room.address ?? '', ...point } } : {}),
    ...(mediator?.name ? { mediatorName: mediator.name } : {}),
  };
}

/** A case in a list; `asParty`: the caller's own list (`case.mine`), so it says what happens next for them. */
export function listItem(doc: ListedCaseDoc, dir: Directory, asParty?: string): CaseListItem {
  const c = doc.case;
  const due = nextDeadline(c);
  return {
    caseId: c.caseId,
    caseNo: c.caseNo,
    categoryLabel: dir.settings.categories.label(c.category),
    statusLabel: asParty === undefined ? STATUS_LABEL[c.status] : PARTY_STATUS_LABEL[c.status],
    holderName: orgName(dir, c.responsibleOrgId),
    ...(due ? { next: { label: due.label, dueAt: due.dueAt } } : {}),
    urgent: c.urgent,
    registeredAt: c.registeredAt,
    ...(asParty === undefined ? {} : { nextStep: partyNextStep(doc, dir, asParty) }),
  };
}

export async function myCases(input: { open: boolean; pageSize: number; page: number }, ctx: Ctx): Promise<{ items: CaseListItem[]; hasMore: boolean }> {
  const { db } = ctx.deps;
  const _ = db.command;
  const [docs, dir] = await Promise.all([
    queryDocs<ListedCaseDoc>(
      db
        .collection(CASES)
        .where({ partyUserIds: ctx.openid, status: input.open ? _.neq('closed') : _.eq('closed') })
        .orderBy('registeredAt', 'desc')
        .orderBy('_id', 'desc')
        .skip(input.page * input.pageSize)
        .limit(input.pageSize + 1)
        .field(LIST_PROJECTION),
    ),
    loadDirectory(db),
  ]);
  return { items: docs.slice(0, input.pageSize).map((d) => listItem(d, dir, ctx.openid)), hasMore: docs.length > input.pageSize };
}

/** Cases waiting on an organisation's decision: its own new registrations and transfers sent to it. */
export async function triageQueue(input: { orgId?: string; pageSize: number; page: number }, ctx: Ctx): Promise<{ orgId: string; items: CaseListItem[]; hasMore: boolean }> {
  const { db } = ctx.deps;
  const caller = await loadCaller(db, ctx.openid);
  const orgId = orgOfGrants(caller, ['director', 'intake'], input.orgId);
  const _ = db.command;
  const [docs, dir] = await Promise.all([
    queryDocs<ListedCaseDoc>(
      db
        .collection(CASES)
        .where({ actingOrgIds: orgId, status: _.in(['registered', 'transferring', 'awaiting_designation']) })
        .orderBy('registeredAt', 'asc')
        .orderBy('_id', 'asc')
        .skip(input.page * input.pageSize)
        .limit(input.pageSize + 1)
        .field(LIST_PROJECTION),
    ),
    loadDirectory(db),
  ]);
  return { orgId, items: docs.slice(0, input.pageSize).map((d) => listItem(d, dir)), hasMore: docs.length > input.pageSize };
}
