import fc from 'fast-check';
import {
  TRANSITIONS,
  execute,
  findOrg,
  lowestCommonParent,
  nextDeadline,
  replay,
  type CaseEvent,
} from '../../src/domain';
import { T0, TREE, actors, ctx, registerCommand } from './fixtures';
import { ORG_IDS, POOL, addHours, build, stepArb } from './random-steps';

/**
 * Random command sequences against the first-inquiry rules (首问负责制) (see ./random-steps.ts).
 */
function check(condition: boolean, rule: string): void {
  if (!condition) throw new Error(`Broken: ${rule}`);
}

const changesHands = (events: CaseEvent[]): boolean => events.some((e) => e.type === 'transfer_accepted' || e.type === 'case_designated');

const scenarioArb = fc.record({
  firstOrg: fc.constantFrom(...ORG_IDS),
  community: fc.constantFrom('c1a', 'c1b', 'c1c', 'c2a', 'c2b'),
  category: fc.constantFrom('neighbourhood', 'labour', 'traffic', 'property', 'inheritance', 'land_requisition'),
  people: fc.nat(14),
  risk: fc.constantFrom('low', 'medium', 'high') as fc.Arbitrary<'low' | 'medium' | 'high'>,
  steps: fc.array(stepArb, { minLength: 5, maxLength: 30 }),
});

describe('first-inquiry responsibility over random command sequences', () => {
  it('holds every rule at every step', () => {
    let sequences = 0;
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        sequences += 1;
        let now = T0;
        const staff = actors.staff(sc.firstOrg);
        const reg = execute(
          undefined,
          registerCommand({ source: 'walk_in', firstInquiryOrgId: sc.firstOrg, category: sc.category, facts: { communityId: sc.community, peopleInvolved: sc.people, risk: sc.risk } }),
          ctx(staff, now),
        );
        if (!reg.ok) throw new Error(reg.error.message);
        let c = reg.state;
        const log: CaseEvent[] = [...reg.events];
        const first = { ...c.firstInquiry };
        expect(first).toEqual({ orgId: sc.firstOrg, personId: staff.userId, at: T0 });

        for (const step of sc.steps) {
          now = addHours(now, step.hours);
          const { command, natural } = build(c, step, now);
          const actor = step.actorMode === 0 ? POOL[step.pick % POOL.length] : natural;
          const before = c;
          const r = execute(c, command, ctx(actor, now));
          if (!r.ok) {
            expect(r.error.code).toMatch(/^[A-Z][A-Z_]+$/);
            expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
            continue;
          }
          c = r.state;
          log.push(...r.events);

          const at = `${command.type} by ${actor.userId} at ${now}`;
          // Closed is final: only the return visit owed after closing applies, and the outcome stays.
          check(before.status !== 'closed' || (command.type === 'record_return_visit' && c.status === 'closed' && c.outcome === before.outcome), `closed is final (${at})`);
          check(TRANSITIONS[command.type].to.includes(c.status), `the table lists ${c.status} as a result of ${at}`);
          check(typeof c.responsibleOrgId === 'string' && !!findOrg(TREE, c.responsibleOrgId), `one real responsible organisation (${at})`);
          check(c.firstInquiry.orgId === first.orgId && c.firstInquiry.personId === first.personId && c.firstInquiry.at === first.at, `first inquiry unchanged (${at})`);
          check(c.responsibleOrgId === before.responsibleOrgId || changesHands(r.events), `responsibility moves only when taken (${at})`);
          if (before.status === 'transferring' && c.status === 'awaiting_designation') {
            const lcp = lowestCommonParent(TREE, before.transfer.fromOrgId, before.transfer.toOrgId)!;
            check(c.designation.designatorOrgId === lcp.id, `the lowest common parent decides (${at})`);
            check(c.responsibleOrgId === before.responsibleOrgId, `the sender holds it meanwhile (${at})`);
          }
          if (r.events.some((e) => e.type === 'transfer_returned' && e.returnCount >= 2)) check(c.status === 'awaiting_designation', `second return goes up (${at})`);
          const next = nextDeadline(c);
          if (c.status === 'closed') {
            // A closed case owes at most its return visit (回访), and none once resolved (visited before closing).
            check(next === undefined || (next.kind === 'return_visit' && c.outcome !== 'resolved' && !!findOrg(TREE, next.ownerOrgId)), `closed owes at most its return visit (${at})`);
            if (before.status !== 'closed' && c.outcome !== 'resolved') check(next?.kind === 'return_visit', `every case closed other than resolved is visited afterwards (${at})`);
          }
          else check(!!next && !!findOrg(TREE, next.ownerOrgId), `open case has an owned next deadline (${at})`);
        }
        // The event log alone rebuilds the case, and the case survives storage as JSON.
        expect(replay(log)).toEqual(c);
        expect(JSON.parse(JSON.stringify(c))).toEqual(c);
      }),
      { numRuns: 2000 },
    );
    expect(sequences).toBeGreaterThanOrEqual(2000);
  });

  it('random sequences reach every status, so the property above is not vacuous', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        let now = T0;
        const r0 = execute(undefined, registerCommand({ source: 'walk_in', firstInquiryOrgId: sc.firstOrg, category: sc.category, facts: { communityId: sc.community } }), ctx(actors.staff(sc.firstOrg), now));
        if (!r0.ok) return;
        let c = r0.state;
        for (const step of sc.steps) {
          now = addHours(now, step.hours);
          const { command, natural } = build(c, step, now);
          const r = execute(c, command, ctx(natural, now));
          if (r.ok) c = r.state;
          seen.add(c.status);
        }
      }),
      { numRuns: 400, seed: 20260302 },
    );
    expect([...seen].sort()).toEqual(Object.keys(TRANSITIONS_STATUSES).sort());
  });
});

const TRANSITIONS_STATUSES = Object.fromEntries(Object.values(TRANSITIONS).flatMap((t) => t.to).map((s) => [s, true]));
