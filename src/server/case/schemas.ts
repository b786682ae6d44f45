// Inputs of the `case` function's actions. The mini-program imports these types only (`import type`).
import { z } from 'zod';
import { redactPersonalNumbers } from '../cases/redact';

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, '编号格式不正确');
const CaseId = z.string().regex(/^c[0-9a-f]{20}$/, '案件编号格式不正确');
const Mobile = z.string().trim().regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码');
const Name = z.string().trim().min(1, '请填写姓名或名称').max(40, '姓名或名称不超过 40 个字');
/** Free text: trimmed, length-checked, then phone and ID numbers in it masked (see redact.ts). */
const freeText = (schema: z.ZodString) => schema.transform(redactPersonalNumbers);
const Reason = freeText(z.string().trim().min(2, '请填写理由').max(500, '理由不超过 500 个字'));

/** Someone the party authorised to act for them (委托代理人), with the powers stated on the power of attorney. */
export const AgentInput = z.strictObject({
  name: Name,
  /** 特别授权: may admit, waive or change claims (代为承认、放弃、变更请求), so confirm an agreement or withdraw. */
  specialPowers: z.boolean(),
});

/** A party other than the resident filing: a person, or an organisation acting through its representative. */
export const PartyInput = z
  .strictObject({
    kind: z.enum(['person', 'organisation']).default('person'),
    name: Name,
    mobile: Mobile.optional(),
    /** The community (社区/村) where they live or sit, when known and not the dispute's own. */
    communityId: Id.optional(),
    /** Organisation: its legal representative or principal (法定代表人/负责人). */
    representative: Name.optional(),
    agent: AgentInput.optional(),
  })
  .refine((p) => p.kind === 'person' || Boolean(p.representative), { message: '请填写单位的法定代表人或负责人', path: ['representative'] });
export type TPartyInput = z.infer<typeof PartyInput>;

/** Up to 30 on each side; a larger group chooses representatives (代表人) to act for it. */
const MAX_PER_SIDE = 30;
const Respondents = z.array(PartyInput).min(1, '请至少填写一位对方当事人').max(MAX_PER_SIDE, `每一方当事人不超过 ${MAX_PER_SIDE} 位，人数更多时请推选代表人`);

/** Separate consent under PIPL Art. 23: an explicit yes or no, never assumed. */
const ShareConsent = z.boolean('请选择是否同意必要时转交其他调解组织办理');

export const FileDisputeInput = z.strictObject({
  category: z.string().regex(/^[a-z_]{2,40}$/, '请选择纠纷类型'),
  /** Marriage, adoption or inheritance is at stake (是否涉及婚姻、收养、继承关系): the agreement is signed on paper only. */
  involvesPersonalRelations: z.boolean('请回答是否涉及婚姻、收养、继承关系').default(false),
  summary: freeText(z.string().trim().min(5, '请至少用五个字说明发生了什么').max(2000, '情况说明不超过 2000 个字')),
  wants: freeText(z.string().trim().max(500, '诉求不超过 500 个字')).default(''),
  /** The community (社区/村) where the dispute arose. */
  communityId: Id,
  /** The organisation the resident picked; by default the committee of that community. */
  orgId: Id.optional(),
  /** The resident filing, an applicant themself. */
  applicant: z.strictObject({ name: Name, mobile: Mobile }),
  /** Others applying together with them (neighbours of the same building, co-heirs). */
  otherApplicants: z.array(PartyInput).max(MAX_PER_SIDE - 1, `申请人不超过 ${MAX_PER_SIDE} 位，人数更多时请推选代表人`).default([]),
  respondents: Respondents,
  /** Other communities (社区/村) where parties live, besides the one where the dispute arose. */
  otherCommunityIds: z.array(Id).max(10).default([]),
  amountYuan: z.number().min(0).max(1e10).optional(),
  /** People (or households' members) involved, the parties included; the triage counts 5 and 10 by default. */
  peopleInvolved: z.number('请填写涉及的人数').int().min(2, '涉及人数至少为 2 人').max(100000).optional(),
  /** Already accepted or decided by a court, an arbitration body or an administrative authority. */
  alreadyHandledBy: z.enum(['court', 'arbitration', 'administrative']).optional(),
  risk: z.enum(['low', 'medium', 'high']).optional(),
  riskSignals: z.array(z.enum(['violence_threat', 'self_harm_threat', 'crowd_gathering'])).max(3).default([]),
  preferredTimes: z.array(freeText(z.string().trim().max(40))).max(5).default([]),
  evidenceFileIds: z.array(z.string().max(300)).max(9).default([]),
  consent: z.strictObject({
    privacy: z.literal(true, '请阅读并同意个人信息处理规则'),
    /** Separate consent to pass the case to another organisation (PIPL Art. 23). */
    shareWithOtherOrgs: ShareConsent,
  }),
});
export type TFileDisputeInput = z.infer<typeof FileDisputeInput>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const BodyName = z.string().trim().min(2, '请填写单位名称').max(60, '单位名称不超过 60 个字');

/**
 * The referral letter that came with a case a court, police station, procuratorate or petition office referred
 * (诉调/公调/检调/访调对接): who referred it, its number, when, by when it wants the outcome reported back (回告),
 * and whom to tell. The contact's phone is sealed like a party's.
 */
export const ReferralInInput = z
  .strictObject({
    body: BodyName,
    reference: z.string().trim().min(1, '请填写移交案号或编号').max(60, '案号或编号不超过 60 个字'),
    referredOn: Day,
    feedbackDueOn: Day.optional(),
    contact: z.strictObject({
      name: z.string().trim().min(1, '请填写移交单位联系人').max(40, '联系人姓名不超过 40 个字'),
      mobile: Mobile,
    }),
  })
  .refine((r) => !r.feedbackDueOn || r.feedbackDueOn >= r.referredOn, { message: '回告期限不能早于移交日期', path: ['feedbackDueOn'] });
export type TReferralInInput = z.infer<typeof ReferralInInput>;

const REFERRING = ['court', 'police', 'procuratorate', 'petition_office'];

/** Staff register a visitor, a caller, or a referral from a court, police or petition office (来访登记). */
export const RegisterVisitInput = z.strictObject({
  source: z.enum(['walk_in', 'phone', 'info_officer', 'court', 'police', 'procuratorate', 'petition_office']),
  /** The window's organisation, when the staff member works at several. */
  orgId: Id.optional(),
  category: FileDisputeInput.shape.category,
  involvesPersonalRelations: FileDisputeInput.shape.involvesPersonalRelations,
  summary: FileDisputeInput.shape.summary,
  wants: FileDisputeInput.shape.wants,
  communityId: Id,
  applicants: z.array(PartyInput).min(1, '请至少填写一位申请人').max(MAX_PER_SIDE, `每一方当事人不超过 ${MAX_PER_SIDE} 位，人数更多时请推选代表人`),
  respondents: Respondents,
  otherCommunityIds: FileDisputeInput.shape.otherCommunityIds,
  amountYuan: FileDisputeInput.shape.amountYuan,
  peopleInvolved: FileDisputeInput.shape.peopleInvolved,
  risk: FileDisputeInput.shape.risk,
  riskSignals: FileDisputeInput.shape.riskSignals,
  alreadyHandledBy: FileDisputeInput.shape.alreadyHandledBy,
  /**
   * The criminal side, as staff judge it: 刑事自诉, 刑事附带民事, a minor case referred by the police or the
   * procuratorate (source police / procuratorate), or another suspected crime (for the police).
   */
  criminal: z.enum(['private_prosecution', 'incidental_civil', 'minor_referred', 'suspected']).optional(),
  /** Several government departments' duties are involved (跨部门). */
  crossDepartment: z.boolean().default(false),
  /** A community committee's window reports it upward at registration (上报). */
  escalatedByCommunity: z.boolean().default(false),
  preferredTimes: FileDisputeInput.shape.preferredTimes,
  evidenceFileIds: FileDisputeInput.shape.evidenceFileIds,
  /** Both sides came to the window and apply together (共同申请): the respondents' consent is given. */
  jointApplication: z.boolean().default(false),
  visitorConsent: z.literal(true, '请确认来访人已同意登记其个人信息'),
  shareWithOtherOrgs: ShareConsent,
  /** Required when the source is a court, police, procuratorate or petition office; refused otherwise. */
  referral: ReferralInInput.optional(),
})
  .refine((i) => !REFERRING.includes(i.source) || i.referral !== undefined, { message: '请填写移交单位、案号、移交日期和联系人', path: ['referral'] })
  .refine((i) => REFERRING.includes(i.source) || i.referral === undefined, { message: '只有法院、公安、检察院或信访部门移交的案件需要填写移交信息', path: ['referral'] });
export type TRegisterVisitInput = z.infer<typeof RegisterVisitInput>;

/** Invite one party to join in WeChat: by default the first respondent who has not; `forAgent` for their agent. */
export const InviteInput = z.strictObject({
  caseId: CaseId,
  partyId: z.string().regex(/^p\d{1,3}$/, '当事人编号格式不正确').optional(),
  forAgent: z.boolean().default(false),
});
/**
 * Staff record what a party without WeChat said (an elderly neighbour, a company at the window), saying how they
 * said it: the respondent's answer to the invitation, an applicant's withdrawal, a party ending the mediation.
 */
const HowGiven = z.enum(['in_person', 'phone', 'paper'], '请选择当事人是当面、电话还是书面表示的');
const ForParty = { caseId: CaseId, partyId: z.string().regex(/^p\d{1,3}$/, '当事人编号格式不正确'), how: HowGiven };
export const RecordForPartyInput = z.discriminatedUnion('act', [
  z.strictObject({ ...ForParty, act: z.literal('reply'), reply: z.enum(['agree', 'refuse', 'ask_for_time']), reason: freeText(z.string().trim().max(500)).optional() }),
  z.strictObject({ ...ForParty, act: z.literal('withdraw'), reason: freeText(z.string().trim().max(500)).optional() }),
  z.strictObject({ ...ForParty, act: z.literal('terminate'), reason: freeText(z.string().trim().max(500)).optional() }),
  z.strictObject({ ...ForParty, act: z.literal('consentExtension'), agree: z.boolean(), reason: freeText(z.string().trim().max(500)).optional() }),
]);

/** An invitation's long code (26 base32 characters), or its short numeric code (8 digits, see short-codes.ts). */
export const InviteCode = z.strictObject({
  code: z.string().regex(/^(?:[A-Z2-7]{26}|\d{8})$/, '邀请码无效'),
  /** The one-time code of the `getPhoneNumber` button, when a short code must be matched to the party's phone. */
  phoneCode: z.string().trim().min(1).max(128).optional(),
});
/** Staff turn an invitation code they hold into a mini-program code to print or show (the long code is the scene). */
export const InviteQrInput = z.strictObject({ caseId: CaseId, code: z.string().regex(/^[A-Z2-7]{26}$/, '邀请码无效') });
export const ReplyInput = z.strictObject({
  caseId: CaseId,
  reply: z.enum(['agree', 'refuse', 'ask_for_time']),
  reason: freeText(z.string().trim().max(500)).optional(),
});
export const AssignMediatorInput = z.strictObject({ caseId: CaseId, mediatorId: z.string().min(1).max(64), reason: Reason.optional() });
export const RecuseInput = z.strictObject({ caseId: CaseId, reason: Reason });
const ExpertId = z.string().regex(/^x[0-9a-f]{16}$/, '专家编号格式不正确');
/** The case's director adds an expert of the pool (org.experts) as co-mediator, with a reason. */
export const AddExpertInput = z.strictObject({ caseId: CaseId, expertId: ExpertId, reason: Reason });
export const RemoveExpertInput = z.strictObject({ caseId: CaseId, expertId: ExpertId, reason: Reason });
/** A party objects to an expert on the case (回避), or the expert withdraws themself. */
export const RecuseExpertInput = z.strictObject({ caseId: CaseId, expertId: ExpertId, reason: Reason });
/**
 * The case's director records, for a party without WeChat, that the party asked for the mediator's recusal (回避) —
 * or objected to an invited expert (`expertId`) — with the party's reason and how they asked.
 */
export const RecordRecusalInput = z.strictObject({ ...ForParty, reason: Reason, expertId: ExpertId.optional() });
export const PartyEndInput = z.strictObject({ caseId: CaseId, reason: freeText(z.string().trim().max(500)).optional() });

export const CaseRef = z.strictObject({ caseId: CaseId });
export const MineInput = z.strictObject({
  open: z.boolean().default(true),
  pageSize: z.number().int().min(1).max(50).default(20),
  page: z.number().int().min(0).max(1000).default(0),
});
export const QueueInput = z.strictObject({
  orgId: Id.optional(),
  pageSize: z.number().int().min(1).max(50).default(20),
  page: z.number().int().min(0).max(1000).default(0),
});
export const AcceptInput = z.strictObject({ caseId: CaseId, overrideReason: Reason.optional() });
export const TransferInput = z.strictObject({ caseId: CaseId, toOrgId: Id, reason: Reason, overrideReason: Reason.optional() });
export const ReturnTransferInput = z.strictObject({ caseId: CaseId, reason: Reason });
export const EscalateInput = z.strictObject({ caseId: CaseId, reason: Reason });
export const DesignateInput = z.strictObject({ caseId: CaseId, orgId: Id, reason: Reason });
/** Staff raise a case's risk after intake (Art. 25), with what they found; never lowers it. */
export const RaiseRiskInput = z
  .strictObject({
    caseId: CaseId,
    risk: z.enum(['medium', 'high']).optional(),
    riskSignals: z.array(z.enum(['violence_threat', 'self_harm_threat', 'crowd_gathering'])).max(3).default([]),
    reason: Reason,
  })
  .refine((i) => i.risk !== undefined || i.riskSignals.length > 0, { message: '请选择风险等级或具体情形', path: ['risk'] });
/** Staff record that marriage, adoption or inheritance is at stake: the agreement is then signed on paper only. */
export const MarkPersonalRelationsInput = z.strictObject({ caseId: CaseId, reason: Reason });

/** What was handed to the authority a case is referred out to (移交记录); the receiver's phone is sealed. */
export const HandOverInput = z.strictObject({
  body: BodyName.optional(),
  receiver: z.string().trim().min(1, '请填写接收人').max(40, '接收人姓名不超过 40 个字').optional(),
  receiverMobile: Mobile.optional(),
  handedOverOn: Day,
  materials: z.array(z.string().trim().min(1, '材料名称不能为空').max(60, '每项材料不超过 60 个字')).min(1, '请至少列出一项移交材料').max(30, '移交材料不超过 30 项'),
});
export type THandOverInput = z.infer<typeof HandOverInput>;

export const ReferOutInput = z.strictObject({
  caseId: CaseId,
  authority: z.enum(['court', 'police', 'procuratorate', 'labour_arbitration', 'arbitration', 'administrative', 'petition_office', 'other']),
  guidance: freeText(z.string().trim().min(5, '请写明告知当事人的途径').max(1000)),
  reason: Reason,
  /** Optional: the hand-over record, when materials went to the authority. */
  handOver: HandOverInput.optional(),
});

/** Staff reported the outcome back to the body that referred the case (回告): the day and how. */
export const ReferralFeedbackSentInput = z.strictObject({
  caseId: CaseId,
  sentOn: Day,
  how: z.enum(['post', 'in_person', 'electronic'], '请选择回告方式：邮寄、当面或电子'),
});

const PartyId = z.string().regex(/^p\d{1,3}$/, '当事人编号格式不正确');
const Paging = {
  pageSize: z.number().int().min(1).max(50).default(20),
  page: z.number().int().min(0).max(1000).default(0),
};
export const AssignedInput = z.strictObject(Paging);
export const OverdueInput = z.strictObject({ orgId: Id, ...Paging });

/** Staff read one party's full phone number (logged in the audit chain). */
export const RevealContactInput = z.strictObject({ caseId: CaseId, partyId: PartyId });

export const RequestExtensionInput = z.strictObject({
  caseId: CaseId,
  reason: freeText(z.string().trim().min(2, '请填写延期理由').max(500, '理由不超过 500 个字')),
  /** Parties who agreed in person or by phone (recorded by the staff member asking). */
  agreedInPerson: z.array(PartyId).max(10).default([]),
});
export const ConsentExtensionInput = z.strictObject({
  caseId: CaseId,
  agree: z.boolean(),
  reason: freeText(z.string().trim().max(500)).optional(),
});

export const ReviewQueueInput = z.strictObject({ orgId: Id.optional(), ...Paging });
/** Which held text: `summary` (the dispute text, the default) or an id `case.reviewQueue` listed. */
const TextId = z.string().regex(/^(summary|t\d{1,9}(-\d{1,2})?)$/, '待审核内容的编号格式不正确');
export const ReviewInput = z.discriminatedUnion('decision', [
  z.strictObject({ caseId: CaseId, decision: z.literal('clear'), textId: TextId.optional() }),
  z
    .strictObject({
      caseId: CaseId,
      decision: z.literal('redact'),
      textId: TextId.optional(),
      /** The dispute text's redacted version (textId absent or `summary`). */
      summary: freeText(z.string().trim().min(5, '请至少保留五个字的情况说明').max(2000, '情况说明不超过 2000 个字')).optional(),
      /** Another text's redacted version. */
      text: freeText(z.string().trim().min(2, '请填写处理后的内容').max(2000, '内容不超过 2000 个字')).optional(),
      reason: freeText(z.string().trim().min(2, '请填写处理理由').max(500, '理由不超过 500 个字')),
    })
    .refine((i) => (i.textId ?? 'summary') !== 'summary' || i.summary !== undefined, { message: '请填写处理后的情况说明', path: ['summary'] })
    .refine((i) => (i.textId ?? 'summary') === 'summary' || i.text !== undefined, { message: '请填写处理后的内容', path: ['text'] }),
]);
