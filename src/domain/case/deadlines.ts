import type { Case, DeadlineKind, OpenCase } from './model';
import { DEADLINE_LABEL } from './labels';
import { endOfChinaDay, toMillis, type IsoInstant } from '../shared/time';

/** Something that must happen by a time, and who answers for it. */
export interface Deadline {
  kind: DeadlineKind;
  dueAt: IsoInstant;
  ownerOrgId: string;
  ownerUserId?: string;
  /** For `performance`: which item. */
  itemId?: string;
  label: string;
}

function deadline(kind: DeadlineKind, dueAt: IsoInstant, ownerOrgId: string, ownerUserId?: string, itemId?: string): Deadline {
  return {
    kind,
    dueAt,
    ownerOrgId,
    ...(ownerUserId ? { ownerUserId } : {}),
    ...(itemId ? { itemId } : {}),
    label: DEADLINE_LABEL[kind],
  };
}

/**
 * Every deadline now running on a case, earliest first. Which exist, and who owns them:
 * - registered: triage by the first-inquiry organisation (its first-inquiry person, if any);
 * - transferring: accept-or-return by the receiving organisation;
 * - awaiting designation: the parent's decision;
 * - after acceptance: a mediator assigned (while none is), the respondent's reply (chased by the
 *   mediator), mediation concluded (the mediator, or the organisation while none is assigned);
 * - performing: each unperformed item by its due date, then the return visit;
 * - closed: the return visit owed after closing (any outcome but resolved), until it is made.
 */
export function deadlines(c: Case): Deadline[] {
  const org = c.responsibleOrgId;
  const list: Deadline[] = [];
  const mediation = (): void => {
    if (c.mediationDueAt) list.push(deadline('mediation', c.mediationDueAt, org, c.mediatorId));
    if (!c.mediatorId && c.mediatorDueAt) list.push(deadline('mediator_assignment', c.mediatorDueAt, org));
  };
  switch (c.status) {
    case 'registered':
      list.push(deadline('triage', c.triageDueAt, org, c.firstInquiry.personId));
      break;
    case 'transferring':
      list.push(deadline('transfer_response', c.transfer.dueAt, c.transfer.toOrgId));
      break;
    case 'awaiting_designation':
      list.push(deadline('designation', c.designation.dueAt, c.designation.designatorOrgId));
      break;
    case 'awaiting_consent':
      list.push(deadline('respondent_reply', c.consent.dueAt, org, c.mediatorId));
      mediation();
      break;
    case 'accepted':
    case 'scheduled':
    case 'in_mediation':
    case 'agreement_pending':
      mediation();
      break;
    case 'performing':
      for (const item of c.performanceItems) {
        if (!item.doneAt) list.push(deadline('performance', endOfChinaDay(item.dueDate), org, c.mediatorId, item.itemId));
      }
      list.push(deadline('return_visit', c.returnVisitDueAt, org, c.mediatorId));
      break;
    case 'closed':
      if (c.returnVisitDueAt) list.push(deadline('return_visit', c.returnVisitDueAt, org, c.mediatorId));
      break;
    default: {
      const unreachable: never = c;
      throw new Error(`Unknown status ${(unreachable as Case).status}`);
    }
  }
  return list.sort((a, b) => toMillis(a.dueAt) - toMillis(b.dueAt));
}

/** What is due next on the case, by when and who owns it; undefined only for a closed case with nothing owed. */
export function nextDeadline(c: Case): Deadline | undefined {
  return deadlines(c)[0];
}

export function isOpen(c: Case): c is OpenCase {
  return c.status !== 'closed';
}
