// The invitation records (`invites`): only a code's hash is kept, with the party (or agent) it is for, when it
// expires, and when it was first opened — so staff can see whether an invitation reached anyone.
import { queryDocs } from '../kernel/db';
import type { Database } from '../kernel/platform';

export const INVITES = 'invites';

export interface InviteDoc {
  _id: string;
  caseId: string;
  partyId: string;
  /** The code is for the party's agent (委托代理人), who then acts within the powers stated. */
  forAgent?: boolean;
  expiresAt: string;
  createdAt: string;
  /** The first time someone opened the invitation (the respondent's page asked what it is about). */
  openedAt?: string;
  /** The account whose WeChat-verified phone matched the party's, when opened by the short code. */
  phoneVerifiedBy?: string;
  /** The `case.invite` request that issued it, so a replay of that request can withdraw it. */
  requestKey?: string;
}

/** Where each party's latest invitation stands, for the staff working the case. */
export interface InvitationState {
  sentAt: string;
  expiresAt: string;
  forAgent: boolean;
  opened: boolean;
  expired: boolean;
}

export async function invitationStates(db: Database, caseId: string, now: Date): Promise<Map<string, InvitationState>> {
  const docs = await queryDocs<InviteDoc>(db.collection(INVITES).where({ caseId }).orderBy('createdAt', 'desc').limit(100));
  const states = new Map<string, InvitationState>();
  for (const d of docs) {
    if (states.has(d.partyId)) continue; // newest first: the latest one per party
    states.set(d.partyId, {
      sentAt: d.createdAt,
      expiresAt: d.expiresAt,
      forAgent: Boolean(d.forAgent),
      opened: Boolean(d.openedAt),
      expired: Date.parse(d.expiresAt) <= now.getTime(),
    });
  }
  return states;
}
