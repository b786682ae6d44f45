// Judicial confirmation (Art. 33) as the parties and the staff read it: the last date, the court to apply to
// (from the deployment), whether a party said the parties applied, and whether the reader may say so.
import type { Case } from '../../domain/case/model';
import { courtFor, type Directory } from './org-cache';
import type { JudicialConfirmationView } from '../case/case.types';

export function judicialView(c: Case, dir: Directory, me: string): JudicialConfirmationView | undefined {
  const a = c.agreement;
  if (a?.form !== 'written' || !a.judicialConfirmationBy) return undefined;
  const court = courtFor(dir, c.responsibleOrgId);
  const applied = c.judicialApplication;
  const mine = c.parties.find((p) => p.userId === me);
  return {
    by: a.judicialConfirmationBy,
    ...(court ? { court: { ...court } } : {}),
    ...(applied
      ? { applied: { appliedOn: applied.appliedOn, by: c.parties.find((p) => p.partyId === applied.partyId)?.name ?? '当事人', mine: applied.partyId === mine?.partyId } }
      : {}),
    mayRecord: Boolean(mine && !applied && (c.status === 'performing' || c.status === 'closed')),
  };
}
