// The keyed audit chain finds any edited, removed or reordered entry, and cannot be rebuilt without the key.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/domain/agreement/canonical-json';
import { chain, createAuditKey, newAuditKey, verifyChain, GENESIS_HASH, type ChainBody } from '../../src/server/kernel/audit-chain';

const key = createAuditKey(newAuditKey());

const body = (i: number): ChainBody => ({
  caseId: 'c1',
  at: `2026-11-22T0${i}:00:00.000Z`,
  actor: i % 2 ? 'demo-director' : 'demo-mediator',
  type: ['registered', 'transferred', 'transfer_returned', 'transfer_accepted', 'mediator_assigned'][i % 5],
  dataDigest: `d${i}`,
});

function build(n: number) {
  const first = chain(key, undefined, [body(0), body(1)]);
  const rest = chain(key, first.head, Array.from({ length: n - 2 }, (_, i) => body(i + 2)));
  return { entries: [...first.entries, ...rest.entries], head: rest.head };
}

describe('audit chain', () => {
  it('verifies an untouched chain built in several appends, in any stored order', () => {
    const { entries, head } = build(6);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(verifyChain(key, [...entries].reverse(), head)).toEqual({ ok: true });
  });

  it('finds an edited entry', () => {
    const { entries, head } = build(6);
    entries[2] = { ...entries[2], actor: 'someone-else' };
    expect(verifyChain(key, entries, head)).toEqual({ ok: false, problem: { kind: 'edited', seq: 3 } });
  });

  it('finds a removed entry in the middle and at the end', () => {
    const { entries, head } = build(6);
    expect(verifyChain(key, entries.filter((e) => e.seq !== 4), head)).toMatchObject({ ok: false, problem: { kind: 'missing', seq: 4 } });
    expect(verifyChain(key, entries.slice(0, 5), head)).toMatchObject({ ok: false, problem: { kind: 'missing' } });
  });

  it('finds two entries swapped (sequence numbers exchanged)', () => {
    const { entries, head } = build(6);
    const swapped = entries.map((e) => (e.seq === 2 ? { ...e, seq: 3 } : e.seq === 3 ? { ...e, seq: 2 } : e));
    expect(verifyChain(key, swapped, head).ok).toBe(false);
  });

  it('finds a forged entry re-hashed on its own (the next link breaks)', () => {
    const { entries, head } = build(6);
    const forged = chain(key, { seq: 2, hash: entries[1].hash }, [{ ...body(3), actor: 'forger' }]).entries[0];
    const tampered = entries.map((e) => (e.seq === 3 ? forged : e));
    expect(verifyChain(key, tampered, head)).toEqual({ ok: false, problem: { kind: 'reordered', seq: 4 } });
  });

  it('a chain rebuilt without the key (every hash and the head recomputed) does not verify', () => {
    const { entries } = build(4);
    let prev = GENESIS_HASH;
    const rebuilt = entries.map((e, i) => {
      const { seq, prevHash: _p, hash: _h, ...rest } = e;
      const b = i === 1 ? { ...rest, actor: 'forger' } : rest;
      const hash = createHash('sha256').update(canonicalJson({ ...b, seq, prevHash: prev })).digest('hex');
      const out = { ...b, seq, prevHash: prev, hash };
      prev = hash;
      return out;
    });
    expect(verifyChain(key, rebuilt, { seq: 4, hash: prev })).toEqual({ ok: false, problem: { kind: 'edited', seq: 1 } });
    // Nor does the right chain under another key.
    expect(verifyChain(createAuditKey(newAuditKey()), entries, { seq: 4, hash: entries[3].hash }).ok).toBe(false);
  });

  it('entries without their head fail: a missing head is never a reason to skip the check', () => {
    const { entries } = build(3);
    expect(verifyChain(key, entries, undefined)).toEqual({ ok: false, problem: { kind: 'head_missing', seq: 3 } });
  });

  it('without a key nothing is chained (fail closed)', () => {
    expect(() => chain(createAuditKey(undefined), undefined, [body(0)])).toThrow(/审计密钥/);
  });
});
