// Key rotation for personal data at rest (src/server/kernel/pii.ts). After a rotation (the new key as PII_KEY,
// the old ones in PII_KEYS_PREVIOUS) old values still open, but they stay sealed under the old key and their
// look-up hashes are the old key's, so the old key could never be retired. This walks every case and, where
// anything is not yet the current key's, re-seals each phone and ID number under the current key (binding it to
// its case, party and kind as ever) and recomputes each look-up hash (`contacts[].mobileHash`).
//
// - Through the same code path as the functions: the wx-server-sdk database, each case saved by `saveChange`
//   (compare-and-set on its version, one transaction) with a `personal_data_resealed` step in its audit chain
//   (the chain covers the case document, so a re-seal outside a step would read as tampering). A case changed
//   meanwhile by a function is simply read again.
// - Idempotent and resumable: a case whose values are all the current key's is left alone, so a second run
//   writes nothing and a run stopped half-way is finished by running it again (or `after` the last case done).
// - A value no configured key opens is reported and left as it is, never dropped: the run ends `complete: false`
//   and the old key must not be retired yet.
// - The expert pool's phone numbers (org/experts.ts) are re-sealed too, after the cases, each expert document by
//   compare-and-set on its version (the pool's changes are chained in the staff chain, which does not cover the
//   number itself, so no chain step is written for it).
// - Not re-computed: an agreement party's `idDigest`. It is a commitment inside the agreement's content, whose
//   hash the parties' confirmations, the mediator's signature and the seal are bound to: changing it would void
//   a signed agreement. Nothing looks it up; the number itself is re-sealed here (`agreementIds`).
import type { Database } from '../kernel/platform';
import type { PiiCipher } from '../kernel/pii';
import { sealedAt } from '../kernel/pii';
import type { AuditKey } from '../kernel/audit-chain';
import { queryDocs } from '../kernel/db';
import { CASES, loadCaseDoc, retryOnLostRace, saveChange, type CaseDoc, type SealedContact } from '../cases/store';
import { getDoc } from '../kernel/db';
import { commit } from '../kernel/unit-of-work';
import { EXPERTS, type ExpertDoc } from '../org/index';

export interface ResealDeps {
  db: Database;
  pii: PiiCipher;
  audit: AuditKey;
}

export interface ResealOptions {
  /** Count what would change, write nothing. */
  dryRun?: boolean;
  /** Start after this case id (resume a run that was stopped; a plain re-run is as good, only slower). */
  after?: string;
  pageSize?: number;
  /** Told of each case re-sealed (or that would be). */
  onCase?: (caseId: string, values: number) => void;
  now?: () => Date;
}

export interface ResealReport {
  /** Cases read. */
  cases: number;
  /** Cases written (or, in a dry run, that would be). */
  resealed: number;
  /** Sealed values re-sealed under the current key. */
  values: number;
  /** Look-up hashes recomputed. */
  hashes: number;
  /** Values no configured key opens: left as they are. */
  /** For an expert of the pool: `caseId` and `partyId` empty, `expertId` set. */
  unreadable: Array<{ caseId: string; partyId: string; kind: 'mobile' | 'id'; expertId?: string }>;
  /** Experts of the pool whose number was (or would be) re-sealed. */
  experts?: number;
  /** The last case id read, to resume from. */
  lastCaseId?: string;
  /** True when every value is now sealed under the current key with current hashes: old keys may be retired. */
  complete: boolean;
  keyId: string;
}

interface SealedId {
  partyId: string;
  idSealed: string;
}
type ResealableDoc = CaseDoc & { agreementIds?: SealedId[] };

interface CasePlan {
  contacts: SealedContact[];
  agreementIds?: SealedId[];
  /** The referring body's contact and the receiver of a case referred out (a `partyId` of `referrer` / `receiver` when unreadable). */
  referralContacts?: NonNullable<CaseDoc['referralContacts']>;
  values: number;
  hashes: number;
  unreadable: ResealReport['unreadable'];
}

function plan(doc: ResealableDoc, pii: PiiCipher): CasePlan {
  const caseId = doc._id;
  const out: CasePlan = { contacts: [], values: 0, hashes: 0, unreadable: [] };
  for (const k of doc.contacts ?? []) {
    let plain: string;
    try {
      plain = pii.decrypt(k.mobileSealed, sealedAt.mobile(caseId, k.partyId));
    } catch {
      out.unreadable.push({ caseId, partyId: k.partyId, kind: 'mobile' });
      out.contacts.push(k);
      continue;
    }
    const fresh = pii.isCurrent(k.mobileSealed) ? k.mobileSealed : pii.encrypt(plain, sealedAt.mobile(caseId, k.partyId));
    const hash = pii.lookupHash(plain);
    if (fresh !== k.mobileSealed) out.values += 1;
    if (hash !== k.mobileHash) out.hashes += 1;
    out.contacts.push({ ...k, mobileSealed: fresh, mobileHash: hash });
  }
  if (doc.agreementIds) {
    out.agreementIds = doc.agreementIds.map((s) => {
      if (pii.isCurrent(s.idSealed)) return s;
      try {
        const plain = pii.decrypt(s.idSealed, sealedAt.idNumber(caseId, s.partyId));
        out.values += 1;
        return { ...s, idSealed: pii.encrypt(plain, sealedAt.idNumber(caseId, s.partyId)) };
      } catch {
        out.unreadable.push({ caseId, partyId: s.partyId, kind: 'id' });
        return s;
      }
    });
  }
  if (doc.referralContacts) {
    const sealed = doc.referralContacts;
    const fresh: NonNullable<CaseDoc['referralContacts']> = {};
    for (const who of ['referrer', 'receiver'] as const) {
      const value = sealed[who];
      if (!value) continue;
      if (pii.isCurrent(value)) {
        fresh[who] = value;
        continue;
      }
      try {
        const plain = pii.decrypt(value, sealedAt.referralMobile(caseId, who));
        fresh[who] = pii.encrypt(plain, sealedAt.referralMobile(caseId, who));
        out.values += 1;
      } catch {
        out.unreadable.push({ caseId, partyId: who, kind: 'mobile' });
        fresh[who] = value;
      }
    }
    out.referralContacts = fresh;
  }
  return out;
}

/** Re-seals one case if anything in it is not yet the current key's; answers what it changed. */
async function resealCase(deps: ResealDeps, caseId: string, opts: ResealOptions): Promise<CasePlan> {
  return retryOnLostRace(async () => {
    const doc = (await loadCaseDoc(deps.db, caseId)) as ResealableDoc | undefined;
    if (!doc) return { contacts: [], values: 0, hashes: 0, unreadable: [] };
    const p = plan(doc, deps.pii);
    if (opts.dryRun || (p.values === 0 && p.hashes === 0)) return p;
    await saveChange(deps, {
      before: doc,
      state: doc.case,
      events: [],
      outgoing: [],
      contacts: p.contacts,
      extraFields: { ...(p.agreementIds ? { agreementIds: p.agreementIds } : {}), ...(p.referralContacts ? { referralContacts: p.referralContacts } : {}) },
      extraAudit: [
        {
          type: 'personal_data_resealed',
          at: (opts.now ?? (() => new Date()))().toISOString(),
          actor: 'system',
          data: { keyId: deps.pii.keyId, values: p.values, hashes: p.hashes },
        },
      ],
    });
    return p;
  }, 8);
}

/** Walks every case in `_id` order (see the file comment). */
export async function resealPersonalData(deps: ResealDeps, opts: ResealOptions = {}): Promise<ResealReport> {
  if (!deps.pii.keyId) throw new Error('PII_KEY is not set (32 random bytes, base64): nothing can be sealed');
  const _ = deps.db.command;
  const pageSize = opts.pageSize ?? 100;
  const report: ResealReport = { cases: 0, resealed: 0, values: 0, hashes: 0, unreadable: [], complete: false, keyId: deps.pii.keyId };
  let after = opts.after;
  for (;;) {
    const cases = deps.db.collection(CASES);
    const from = after ? cases.where({ _id: _.gt(after) }) : cases;
    const page = await queryDocs<{ _id: string }>(from.orderBy('_id', 'asc').field({ _id: true }).limit(pageSize));
    for (const { _id } of page) {
      const p = await resealCase(deps, _id, opts);
      report.cases += 1;
      report.unreadable.push(...p.unreadable);
      if (p.values || p.hashes) {
        report.resealed += 1;
        report.values += p.values;
        report.hashes += p.hashes;
        opts.onCase?.(_id, p.values + p.hashes);
      }
      report.lastCaseId = _id;
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]._id;
  }
  const experts = await resealExperts(deps, opts, report);
  report.complete = report.unreadable.length === 0 && (!opts.dryRun || (report.resealed === 0 && experts === 0));
  return report;
}

/** The expert pool's numbers, each one not yet the current key's; answers how many were (or would be) re-sealed. */
async function resealExperts(deps: ResealDeps, opts: ResealOptions, report: ResealReport): Promise<number> {
  const _ = deps.db.command;
  let after = '';
  let count = 0;
  for (;;) {
    const from = after ? deps.db.collection(EXPERTS).where({ _id: _.gt(after) }) : deps.db.collection(EXPERTS);
    const page = await queryDocs<{ _id: string }>(from.orderBy('_id', 'asc').field({ _id: true }).limit(100));
    for (const { _id } of page) {
      const changed = await retryOnLostRace(async () => {
        const doc = await getDoc<ExpertDoc>(deps.db, EXPERTS, _id);
        if (!doc || deps.pii.isCurrent(doc.mobileSealed)) return false;
        let plain: string;
        try {
          plain = deps.pii.decrypt(doc.mobileSealed, sealedAt.expertMobile(_id));
        } catch {
          report.unreadable.push({ caseId: '', partyId: '', kind: 'mobile', expertId: _id });
          return false;
        }
        if (opts.dryRun) return true;
        const { _id: _i, version, ...rest } = doc;
        await commit(deps.db, {
          writes: [{ collection: EXPERTS, id: _id, expectVersion: version ?? 0, data: { ...rest, mobileSealed: deps.pii.encrypt(plain, sealedAt.expertMobile(_id)) } }],
          inserts: [],
        });
        return true;
      }, 8);
      if (changed) {
        count += 1;
        report.values += 1;
      }
    }
    if (page.length < 100) break;
    after = page[page.length - 1]._id;
  }
  if (count) report.experts = count;
  return count;
}
