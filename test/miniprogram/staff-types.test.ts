// The staff pages mirror server shapes (they cannot import server files): these checks fail `npm run
// typecheck` if the mirrors drift, and a well-formed mirrored agreement passes the domain's own validation.
import type { CaseView } from '../../src/server/case/view';
import type { AgreementContent as DomainAgreementContent } from '../../src/domain/agreement/content';
import { validateAgreement } from '../../src/domain/agreement/rules';
import type { AgreementContent, StaffCaseView } from '../../miniprogram/utils/staff-types';

type Assert<T extends true> = T;
export type CaseViewFitsMirror = Assert<CaseView extends StaffCaseView ? true : false>;
export type DomainContentFitsMirror = Assert<DomainAgreementContent extends AgreementContent ? true : false>;
export type MirrorFitsDomainContent = Assert<AgreementContent extends DomainAgreementContent ? true : false>;

it('an agreement built with the mirrored types is what the domain validates', () => {
  const content: AgreementContent = {
    parties: [
      { partyId: 'p1', role: 'applicant', kind: 'person', name: '张三', idType: 'resident_id', idNumber: '11010519491231002X', address: '柳岸社区 3 幢 402 室' },
      { partyId: 'p2', role: 'respondent', kind: 'person', name: '李四', idType: 'other', idNumber: 'E12345678', address: '柳岸社区 3 幢 502 室' },
    ],
    facts: '502 室卫生间漏水至 402 室',
    disputedMatters: '维修费用由谁承担',
    responsibilities: '被申请人负主要责任',
    terms: ['被申请人支付维修费 3000 元'],
    performance: [{ itemId: 'i1', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '支付维修费', amountYuan: 3000, method: '微信转账', place: '柳岸社区调解室', dueDate: '2099-06-30' }],
  };
  expect(validateAgreement(content as DomainAgreementContent, [{ partyId: 'p1', role: 'applicant' }, { partyId: 'p2', role: 'respondent' }], '2025-05-05')).toEqual([]);
});
