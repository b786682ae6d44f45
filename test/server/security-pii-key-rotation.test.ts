// Issue #19: a personal-data key can be retired. Phone and ID numbers are sealed under the key in force when they
// were written; after a rotation `npm run pii:reseal` (scripts/reseal-pii.cjs, run here as a separate process on
// the local database, as an operator would) re-seals every value and recomputes every look-up hash under the new
// key, in a step of each case's audit chain. Then the old key is removed: every number still opens, in the
// functions and with the new key alone, every look-up still finds its record, and the audit chains still verify.
// The run is idempotent (a second run writes nothing) and resumable (a run stopped half-way is finished by the next).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalRuntime } from '../../src/local/runtime';
import { newAuditKey } from '../../src/server/kernel/audit-chain';
import { createPiiCipher, newPiiKey, sealedAt } from '../../src/server/kernel/pii';
import { DIRECTOR, ID_APPLICANT, ID_RESPONDENT, caseInForce } from '../helpers/case-at';
import { call, ok, rid } from '../helpers/runtime';

const REPO = path.join(__dirname, '..', '..');
const OLD = newPiiKey();
const NEW = newPiiKey();
const AUDIT = newAuditKey();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pii-rotation-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** A runtime on the data folder with these keys in the functions' environment (a fresh cold start of each function). */
function runtimeWith(keys: { current: string; previous: string }): LocalRuntime {
  process.env.PII_KEY = keys.current;
  process.env.PII_KEYS_PREVIOUS = keys.previous;
  process.env.AUDIT_KEY = AUDIT;
  jest.resetModules();
  const { LocalRuntime } = require('../../src/local/runtime') as typeof import('../../src/local/runtime');
  return new LocalRuntime({ dataDir });
}

/** The script, as an operator runs it after setting the keys. */
function reseal(keys: { current: string; previous: string }, ...args: string[]): string {
  return execFileSync(process.execPath, [path.join(REPO, 'scripts', 'reseal-pii.cjs'), '--local', '--data-dir', dataDir, ...args], {
    env: { ...process.env, PII_KEY: keys.current, PII_KEYS_PREVIOUS: keys.previous, AUDIT_KEY: AUDIT },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const PARTY_MOBILES = { applicant: '13812345678', respondent: '13987654321' };
let caseIds: string[] = [];
const REFERRER_MOBILE = '13700001111';
let referredCaseId = '';
const EXPERT_MOBILE = '13955556666';
let expertId = '';

beforeAll(async () => {
  // Before the rotation: cases written under the old key, one with an agreement in force (ID numbers sealed).
  const rt = runtimeWith({ current: OLD, previous: '' });
  const { seedDemo } = require('../../src/local/seed') as typeof import('../../src/local/seed');
  await seedDemo(rt, new Date('2026-11-20T01:00:00Z'));
  const inForce = await caseInForce(rt, 'rot-respondent');
  caseIds.push(inForce.caseId);
  for (let i = 0; i < 4; i++) {
    const filed = await ok(call(rt, 'case', `rot-applicant-${i}`, 'file', {
      category: 'neighbourhood',
      summary: '楼上漏水，多次沟通无果。',
      communityId: 'liuan',
      applicant: { name: '郑女士', mobile: PARTY_MOBILES.applicant },
      respondents: [{ name: '王先生', mobile: PARTY_MOBILES.respondent }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()));
    caseIds.push(filed.caseId);
  }
  // A case a court referred: its contact's phone is sealed beside the case too (诉调对接).
  const referred = await ok(call(rt, 'case', DIRECTOR, 'register', {
    source: 'court',
    category: 'neighbourhood',
    summary: '法院诉前委派：楼上漏水纠纷。',
    communityId: 'liuan',
    applicants: [{ name: '郑女士', mobile: PARTY_MOBILES.applicant }],
    respondents: [{ name: '王先生' }],
    visitorConsent: true,
    shareWithOtherOrgs: false,
    referral: { body: '清风区人民法院', reference: '(2026)清民诉前调9号', referredOn: '2026-11-18', contact: { name: '王书记员', mobile: REFERRER_MOBILE } },
  }, rid()));
  referredCaseId = referred.caseId;
  caseIds.push(referredCaseId);
  caseIds = caseIds.sort();
  // An expert of the district's pool, whose phone number is sealed the same way.
  expertId = (await ok(call(rt, 'org', 'demo-district-director', 'saveExpert', { name: '周律师', field: '法律', affiliation: '明德律师事务所', mobile: EXPERT_MOBILE }, rid()))).expertId;
  rt.close();
}, 120_000);

describe('retiring a personal-data key', () => {
  it('after pii:reseal every sealed number opens without the old key and every look-up finds its record; the audit chains verify; a second run writes nothing', async () => {
    const oldCipher = createPiiCipher(OLD, '');
    const newOnly = createPiiCipher(NEW, '');
    const before = runtimeWith({ current: NEW, previous: OLD });
    const sealedBefore = before.db.dump('cases').filter((d: any) => caseIds.includes(d._id)) as any[];
    before.close();
    // Under the old key all along: the new key alone opens none of it, and the hashes are the old key's.
    const contact = sealedBefore.find((d) => d._id === caseIds[0]).contacts[0];
    expect(() => newOnly.decrypt(contact.mobileSealed, sealedAt.mobile(caseIds[0], contact.partyId))).toThrow();
    expect(contact.mobileHash).toBe(oldCipher.lookupHash(contact.partyId === 'p1' ? PARTY_MOBILES.applicant : PARTY_MOBILES.respondent));

    // Stopped half-way: a run from the third case on leaves the first two under the old key...
    const partial = reseal({ current: NEW, previous: OLD }, '--after', caseIds[1]);
    expect(partial).toMatch(/4 cases read; 4 re-sealed/);
    expect(partial).toMatch(/1 expert phone number\(s\) of the expert pool re-sealed/);
    expect(reseal({ current: NEW, previous: OLD }, '--dry-run')).toMatch(/6 cases read; 2 would be re-sealed/);
    // ...and the next full run finishes the job; another finds nothing to do.
    expect(reseal({ current: NEW, previous: OLD })).toMatch(/6 cases read; 2 re-sealed.*\n.*the old keys may be removed/);
    expect(reseal({ current: NEW, previous: OLD })).toMatch(/6 cases read; 0 re-sealed \(0 sealed values, 0 look-up hashes\)/);

    // The old key is retired.
    const rt = runtimeWith({ current: NEW, previous: '' });
    try {
      const docs = rt.db.dump('cases').filter((d: any) => caseIds.includes(d._id)) as any[];
      let opened = 0;
      for (const d of docs) {
        for (const k of d.contacts) {
          const number = newOnly.decrypt(k.mobileSealed, sealedAt.mobile(d._id, k.partyId));
          expect(k.mobileHash).toBe(newOnly.lookupHash(number));
          opened += 1;
        }
        for (const s of d.agreementIds ?? []) {
          expect([ID_APPLICANT, ID_RESPONDENT]).toContain(newOnly.decrypt(s.idSealed, sealedAt.idNumber(d._id, s.partyId)));
          opened += 1;
        }
      }
      expect(opened).toBe(1 + 2 + 4 * 2 + 1);
      const referral = docs.find((d) => d._id === referredCaseId).referralContacts;
      expect(newOnly.decrypt(referral.referrer, sealedAt.referralMobile(referredCaseId, 'referrer'))).toBe(REFERRER_MOBILE);
      // A look-up by number (its hash under the current key) finds every case the number is on.
      const byHash = (number: string) => docs.filter((d) => d.contacts.some((k: any) => k.mobileHash === newOnly.lookupHash(number))).map((d) => d._id).sort();
      const inForce = docs.find((d) => d.agreementIds)._id;
      expect(byHash(PARTY_MOBILES.applicant)).toEqual(caseIds);
      expect(byHash(PARTY_MOBILES.respondent)).toEqual(caseIds.filter((id) => id !== inForce && id !== referredCaseId));

      // Through the functions, with the old key gone from their environment.
      const revealed = await ok(call(rt, 'case', DIRECTOR, 'revealContact', { caseId: inForce, partyId: 'p1' }, rid()));
      expect(revealed.mobile).toBe(PARTY_MOBILES.applicant);
      expect(await ok(call(rt, 'org', 'demo-district-director', 'revealExpertPhone', { expertId }, rid()))).toEqual({ expertId, mobile: EXPERT_MOBILE });
      const exported = await ok(call(rt, 'user', 'rot-respondent', 'exportData', {}));
      expect(exported.cases[0]).toMatchObject({ myIdNumber: ID_RESPONDENT });
      for (const caseId of caseIds) {
        const view = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }));
        expect(view.parties[0].mobile).toBe('138****5678');
        expect(await ok(call(rt, 'case', DIRECTOR, 'audit', { caseId }))).toMatchObject({ verified: true });
      }
      // The re-seal is a step of the chain, by the system, naming the key (no number in it).
      const audit = await ok(call(rt, 'case', DIRECTOR, 'audit', { caseId: inForce }));
      expect(audit.entries.filter((e: any) => e.type === 'personal_data_resealed')).toEqual([expect.objectContaining({ actor: 'system' })]);
    } finally {
      rt.close();
    }
  }, 120_000);

  it('a value no configured key opens is reported and left as it is, and the run says to keep the old keys', () => {
    let out = '';
    try {
      reseal({ current: newPiiKey(), previous: '' }, '--dry-run');
    } catch (e) {
      out = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`;
      expect((e as { status?: number }).status).toBe(2);
    }
    expect(out).toMatch(/open under no configured key — keep the old keys/);
  });
});
