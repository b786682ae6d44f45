// A register's cases are read from the database as a projection of each case (REGISTER_FIELDS, one per register),
// not the whole case. Over random months of cases walked through random steps, every register — visits, acceptance, mediation,
// files, simple — built from the projected cases equals the one built from the whole cases, for every organisation
// and month, for a director (names, numbers, texts) and a supervisor: a field a register reads and the projection
// leaves out shows here as a changed cell.
import fc from 'fast-check';
import type { Case, CaseCommand } from '../../src/domain';
import { buildRegister, REGISTER_FIELDS, type RegisterCase, type RowContext } from '../../src/server/report/registers';
import type { KeyedRegister } from '../../src/domain/stats';
import { subtree } from '../../src/domain/org/tree';
import { T0, TREE, actors, ctx, mediatorC1A, run, seedInMediation, seedPerforming } from '../domain/fixtures';
import { caseSpecArb, casesOf, MONTHS, projected } from '../domain/random-months';
import { ORG_IDS, addHours } from '../domain/random-steps';

const KINDS = Object.keys(REGISTER_FIELDS) as KeyedRegister[];

/** Names and numbers made from the ids, so a cell shows which field it came from. */
const rowContext = (personal: boolean): RowContext => ({
  orgName: (id) => (id ? `组织${id}` : ''),
  personName: (id) => (id && personal ? `人员${id}` : ''),
  maskedMobile: (c, partyId) => (personal ? `${c.caseId}/${partyId}` : ''),
  personal,
  categoryLabel: (code) => `类型${code}`,
});

/**
 * Two cases walked to the end beside the random ones (random walks rarely agree): sessions and an investigation, then
 * an oral agreement settled on the spot; a written agreement in force, performed, visited with a score.
 */
function stories(): Case[] {
  const at = (h: number) => addHours(T0, h);
  const session = (kind: 'session' | 'investigation', h: number): CaseCommand => ({
    type: 'record_session',
    record: { kind, heldAt: at(h), mode: 'on_site', attendeePartyIds: ['p1', 'p2'], summary: '笔录', nonPublic: false },
  });
  const oral = run(seedInMediation(), [
    [session('investigation', 1), ctx(mediatorC1A, at(1))],
    [session('session', 2), ctx(mediatorC1A, at(2))],
    [{ type: 'record_oral_agreement', content: { terms: ['李四当场向张三赔礼道歉。'], performance: [] }, partiesChoseOral: true, statedByPartyIds: ['p1', 'p2'] }, ctx(mediatorC1A, at(3))],
  ]);
  const written = run(seedPerforming(), [
    [{ type: 'mark_item_done', itemId: 'i1' }, ctx(actors.resident, at(24))],
    [{ type: 'record_return_visit', visit: { result: 'performed', notes: '回访', satisfaction: 5 } }, ctx(mediatorC1A, at(48))],
  ]);
  return [{ ...oral, caseId: 'story-oral', caseNo: 'S-1' }, { ...written, caseId: 'story-written', caseNo: 'S-2' }];
}

describe('a register read as a projection', () => {
  it('is the register of the whole cases, cell for cell', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(caseSpecArb, { minLength: 1, maxLength: 10 }), (specs) => {
        const cases: Case[] = [...casesOf(specs), ...stories()];
        const slim = Object.fromEntries(KINDS.map((kind) => [kind, projected<RegisterCase>(cases, REGISTER_FIELDS[kind])]));
        for (const orgId of ORG_IDS) {
          const scope = new Set(subtree(TREE, orgId).map((o) => o.id));
          const inScope = (id: string) => scope.has(id);
          for (const period of MONTHS)
            for (const kind of KINDS)
              for (const personal of [true, false]) {
                const whole = buildRegister(kind, cases, period, rowContext(personal), inScope, undefined);
                expect(buildRegister(kind, slim[kind], period, rowContext(personal), inScope, undefined)).toEqual(whole);
                if (!personal || !whole.rows.length) continue;
                seen.add(kind);
                const cells = whole.rows.flat().map(String);
                if (kind === 'visits' && cells.some((x) => x.startsWith('转办'))) seen.add('transferred');
                if (kind === 'mediation' && cells.some((x) => x.includes('满意度'))) seen.add('returnVisit');
                if (kind === 'mediation' && cells.some((x) => x.startsWith('部分履行') || x === '已履行')) seen.add('performance');
                // 调解次数, the mediation register's eighth column: sessions held.
                if (kind === 'mediation' && whole.rows.some((r) => Number(r[7]) > 0)) seen.add('sessions');
              }
        }
      }),
      { numRuns: 40, seed: 20261202 },
    );
    // The runs reached every register and the cells that read nested parts of a case.
    expect([...seen].sort()).toEqual(['acceptance', 'files', 'mediation', 'performance', 'returnVisit', 'sessions', 'simple', 'transferred', 'visits']);
  });
});
