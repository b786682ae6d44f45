// The resident's pages mirror server shapes (they cannot import server files): these checks fail `npm run
// typecheck` if a mirror drifts from what the server sends or accepts, and the wizard's payload passes the
// server's own input schema.
import type { CaseStepResult, CaseListItem } from '../../src/server/case/use-cases';
import type { CaseView } from '../../src/server/case/view';
import type { InvitePreview } from '../../src/server/case/respondent';
import type { AgreementView } from '../../src/server/agreement/use-cases';
import type { BookingView, SlotView } from '../../src/server/booking/use-cases';
import type { DeletionResult, MyDataExport } from '../../src/server/user/my-data';
import type { TFileDisputeInput } from '../../src/server/case/schemas';
import type { InboxItem } from '../../src/server/notify/inbox';
import { FileDisputeInput } from '../../src/server/case/schemas';
import type * as M from '../../miniprogram/services/resident-types';
import { FORM, payloadOf } from '../../miniprogram/pkg-resident/pages/dispute/apply/form';

type Assert<T extends true> = T;
export type Checks = [
  Assert<CaseStepResult extends M.StepResult ? true : false>,
  Assert<CaseListItem extends M.CaseListRow ? true : false>,
  Assert<CaseView extends M.PartyCaseView ? true : false>,
  Assert<InvitePreview extends M.InvitePreviewData ? true : false>,
  Assert<AgreementView extends M.AgreementData ? true : false>,
  Assert<BookingView extends M.BookingData ? true : false>,
  Assert<SlotView extends M.SlotData ? true : false>,
  Assert<MyDataExport extends M.MyDataExportData ? true : false>,
  Assert<DeletionResult extends M.DeletionResult ? true : false>,
  Assert<InboxItem extends M.InboxItemData ? true : false>,
  // What the wizard sends is what the server takes.
  Assert<M.FileDisputeData extends z.input<typeof FileDisputeInput> ? true : false>,
  Assert<TFileDisputeInput['riskSignals'][number] extends M.RiskSignal ? true : false>,
];
import type { z } from 'zod';

it('the wizard’s payload is accepted by the server’s FileDisputeInput schema as it is', () => {
  const payload = payloadOf({
    ...FORM,
    category: 'neighbourhood',
    communityId: 'liuan',
    summary: '楼上卫生间漏水，我家天花板发霉',
    amountYuan: '3000',
    applicantName: '张三',
    applicantMobile: '13812341234',
    respondentName: '李四',
    riskViolence: 'yes',
    riskSelfHarm: 'no',
    riskCrowd: 'no',
    preferredTimes: ['周末'],
    privacy: true,
  });
  const parsed = FileDisputeInput.safeParse(payload);
  expect(parsed.success).toBe(true);
  expect(parsed.data?.riskSignals).toEqual(['violence_threat']);
});
