// The feedback letter to a referring body (调解情况反馈函) for a case that ended in a performed agreement: the
// agreed terms are reported, with the court's reference beside our case number. Built by the pure document
// function from a case driven through the real rules (the letter of a failed mediation is in referral-links).
import { documentContent, type DocContext } from '../../src/server/report/documents';
import type { Case } from '../../src/domain/case/model';
import { actors, ctx, mediatorC1A, run, seedPerforming } from '../domain/fixtures';

const dc: DocContext = {
  orgName: (id) => (id === 'C1A' ? '桃园社区人民调解委员会' : id ?? ''),
  personName: () => '李调解员',
  disputeText: '',
  printable: (t) => t,
  categoryLabel: () => '邻里纠纷',
  maskedMobile: (partyId) => (partyId === 'p1' ? '138****5678' : ''),
  issuedAt: '2026-03-20T02:00:00.000Z',
};
const text = (c: Case) =>
  documentContent('referral_feedback', c, [], dc)
    .blocks.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.join(' ')).join('\n') : b.kind === 'sign' ? b.lines.join('\n') : b.text))
    .join('\n');

describe('调解情况反馈函 for an agreement performed', () => {
  it('reports the agreed terms under the court\'s reference and our case number, dated the day it is made', () => {
    const performing = { ...seedPerforming(), referredIn: { body: '东城区人民法院', reference: '(2026)东民诉前调5号', referredOn: '2026-03-01', contactName: '王书记员' } } as Case;
    const closed = run(performing, [
      [{ type: 'mark_item_done', itemId: 'i1' }, ctx(actors.resident, '2026-03-10T02:00:00.000Z')],
      [{ type: 'record_return_visit', visit: { result: 'performed', satisfaction: 5, notes: '已按约履行' } }, ctx(mediatorC1A, '2026-03-12T02:00:00.000Z')],
    ]);
    expect(closed.status).toBe('closed');
    const letter = text(closed);
    expect(letter).toContain('东城区人民法院：');
    expect(letter).toContain('贵单位于2026年3月1日移交（委派）');
    expect(letter).toContain('(2026)东民诉前调5号');
    expect(letter).toContain(`案件编号：${closed.caseNo}`);
    expect(letter).toContain('经调解，当事人自愿达成书面调解协议');
    for (const term of closed.agreement!.content.terms) expect(letter).toContain(term);
    expect(letter).toContain('138****5678');
    expect(letter).toContain('2026年3月20日');
  });

  it('is not available before the case closes, nor for a case nobody referred', () => {
    expect(() => documentContent('referral_feedback', seedPerforming(), [], dc)).toThrow('本案不是其他机关移交调解的案件');
    const open = { ...seedPerforming(), referredIn: { body: '东城区人民法院', reference: '1号', referredOn: '2026-03-01', contactName: '王书记员' } } as Case;
    expect(() => documentContent('referral_feedback', open, [], dc)).toThrow('案件办结后才能出具调解情况反馈函');
  });
});
