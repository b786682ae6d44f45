// The audit chain finds any edited, removed or reordered entry.
import { chain, verifyChain, type AuditBody } from '../../src/server/kernel/audit-chain';

const body = (i: number): AuditBody => ({
  caseId: 'c1',
  at: `2026-11-22T0${i}:00:00.000Z`,
  actor: i % 2 ? 'demo-director' : 'demo-mediator',
  type: ['registered', 'transferred', 'transfer_returned', 'transfer_accepted', 'mediator_assigned'][i % 5],
  reason: i === 2 ? '不属于本辖区' : undefined,
  data: { step: i },
});

function build(n: number) {
  const first = chain(undefined, [body(0), body(1)]);
  const rest = chain(first.head, Array.from({ length: n - 2 }, (_, i) => body(i + 2)));
  return { entries: [...first.entries, ...rest.entries], head: rest.head };
}

describe('audit chain', () => {
  it('verifies an untouched chain built in several appends, in any stored order', () => {
    const { entries, head } = build(6);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(verifyChain([...entries].reverse(), head)).toEqual({ ok: true });
  });

  it('finds an edited entry', () => {
    const { entries, head } = build(6);
    entries[2] = { ...entries[2], reason: '改过的理由' };
    expect(verifyChain(entries, head)).toEqual({ ok: false, problem: { kind: 'edited', seq: 3 } });
  });

  it('finds a removed entry in the middle and at the end', () => {
    const { entries, head } = build(6);
    expect(verifyChain(entries.filter((e) => e.seq !== 4), head)).toMatchObject({ ok: false, problem: { kind: 'missing', seq: 4 } });
    expect(verifyChain(entries.slice(0, 5), head)).toMatchObject({ ok: false, problem: { kind: 'missing' } });
  });

  it('finds two entries swapped (sequence numbers exchanged)', () => {
    const { entries, head } = build(6);
    const swapped = entries.map((e) => (e.seq === 2 ? { ...e, seq: 3 } : e.seq === 3 ? { ...e, seq: 2 } : e));
    expect(verifyChain(swapped, head).ok).toBe(false);
  });

  it('finds a forged entry re-hashed on its own (the next link breaks)', () => {
    const { entries, head } = build(6);
    const forged = chain({ seq: 2, hash: entries[1].hash }, [{ ...body(3), reason: '伪造' }]).entries[0];
    const tampered = entries.map((e) => (e.seq === 3 ? forged : e));
    expect(verifyChain(tampered, head)).toEqual({ ok: false, problem: { kind: 'reordered', seq: 4 } });
  });
});
