// Which registers (台账) of which organisation and month a case belongs in, as keys the store indexes, so a
// register is read through its own key instead of from every case of the area. Pure: from the case alone.
import type { Case } from '../case/model';
import { chinaDateOf } from '../shared/time';

/** The registers read by key (the month's summary is made from the figures, not from cases). */
export type KeyedRegister = 'visits' | 'acceptance' | 'mediation' | 'files' | 'simple';

const REGISTER_CODE: Record<KeyedRegister, string> = { visits: 'v', acceptance: 'a', mediation: 'm', files: 'f', simple: 's' };

/** The key of one register of one organisation: a month `YYYY-MM`, or `open` (accepted cases not yet closed). */
export function registerKey(kind: KeyedRegister, orgId: string, month: string): string {
  return `${REGISTER_CODE[kind]}:${orgId}:${month}`;
}

const monthOf = (instant: string) => chinaDateOf(instant).slice(0, 7);

/**
 * The key of the cases an organisation held on which a party rated the mediation or a return visit was made in a
 * month: what its mediators' month (调解员考核) reads beside the month's acceptances and closures and the open
 * cases, which the register keys already give (`mediatorMonthKeys`).
 */
export function feedbackKey(orgId: string, month: string): string {
  return `r:${orgId}:${month}`;
}

/**
 * Every key an organisation's mediators' month and subsidy ledger read their cases by: those it accepted or closed
 * in the month, its accepted cases not yet closed, and those rated or return-visited in the month. A case the
 * organisation held that has none of these keys cannot change the month's figures or ledger.
 */
export function mediatorMonthKeys(orgId: string, month: string): string[] {
  return [registerKey('acceptance', orgId, month), registerKey('files', orgId, month), registerKey('mediation', orgId, 'open'), feedbackKey(orgId, month)];
}

/** The months from one to another, both included (`YYYY-MM`). */
function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  for (let key = first; key <= last; ) {
    out.push(key);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
    key = `${y}-${String(m).padStart(2, '0')}`;
  }
  return out;
}

/**
 * Every register key of the case as it stands: visits by the first-inquiry organisation in the month of
 * registration; acceptance, files (closed) and simple cases (oral agreements) by the responsible organisation in
 * the month of acceptance, closing and agreement; mediation in every month from acceptance to closing, or
 * `open` while the case is not closed (the register then keeps those accepted by the month's end); and, by the
 * responsible organisation, every month in which a party rated the case or a return visit was made (feedbackKey).
 */
export function registerKeys(c: Case): string[] {
  const keys = [registerKey('visits', c.firstInquiry.orgId, monthOf(c.registeredAt))];
  const held = c.responsibleOrgId;
  if (c.acceptedAt) {
    keys.push(registerKey('acceptance', held, monthOf(c.acceptedAt)));
    if (c.status === 'closed') for (const m of monthsBetween(monthOf(c.acceptedAt), monthOf(c.closedAt))) keys.push(registerKey('mediation', held, m));
    else keys.push(registerKey('mediation', held, 'open'));
  }
  if (c.status === 'closed') keys.push(registerKey('files', held, monthOf(c.closedAt)));
  if (c.agreement?.form === 'oral' && c.agreement.effectiveAt) keys.push(registerKey('simple', held, monthOf(c.agreement.effectiveAt)));
  for (const at of [...(c.ratings ?? []).map((r) => r.at), ...c.returnVisits.map((v) => v.at)]) keys.push(feedbackKey(held, monthOf(at)));
  return [...new Set(keys)];
}
