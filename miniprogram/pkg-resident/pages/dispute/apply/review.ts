// The review step's sections: every answer the resident gave, grouped by the step it was given on, so each
// section can offer 修改 that goes back to that step. Plain words throughout (是/否, 未填, 不涉及).
import {
  HANDLED_CHOICES,
  OTHER_SIDE_CHOICES,
  RISK_QUESTIONS,
  STEPS,
  type ExtraParty,
  type Form,
} from './form';

export interface ReviewRow {
  label: string;
  value: string;
}
export interface ReviewSection {
  /** The step the answers were given on: 修改 goes back there. */
  step: number;
  title: string;
  rows: ReviewRow[];
}

/** What the review needs besides the form: names the page has looked up. */
export interface ReviewContext {
  categoryLabel: string;
  communityName: string;
  communities: ReadonlyArray<{ id: string; name: string }>;
  askRelations: boolean;
  peopleChoices: ReadonlyArray<{ value: string; label: string }>;
}

const yesNo = (v: string): string => (v === 'yes' ? '是' : v === 'no' ? '否' : '未选');
const or = (v: string, none: string): string => v.trim() || none;
const partyText = (p: { name: string; mobile: string; kind: ExtraParty['kind']; representative: string }): string =>
  [p.name.trim(), p.kind === 'organisation' ? `（单位，负责人 ${or(p.representative, '未填')}）` : '', `，手机号 ${or(p.mobile, '未填')}`].join('');

export function reviewOf(f: Form, ctx: ReviewContext): ReviewSection[] {
  const otherSide =
    f.otherSide === 'other'
      ? ctx.communities.find((c) => c.id === f.otherCommunityId)?.name ?? '别的社区（村），未选是哪个'
      : OTHER_SIDE_CHOICES.find((c) => c.value === f.otherSide)?.label ?? '未选';
  return [
    {
      step: 0,
      title: '纠纷类型和发生地',
      rows: [
        { label: '纠纷类型', value: or(ctx.categoryLabel, '未选') },
        { label: '发生地', value: or(ctx.communityName, '未选') },
        ...(ctx.askRelations ? [{ label: '涉及婚姻、收养、继承关系', value: yesNo(f.personalRelations) }] : []),
      ],
    },
    {
      step: 1,
      title: STEPS[1],
      rows: [
        { label: '经过', value: f.summary.trim() },
        { label: '诉求', value: or(f.wants, '未填') },
        { label: '金额', value: f.amountYuan.trim() ? `${f.amountYuan.trim()} 元` : '不涉及' },
      ],
    },
    {
      step: 2,
      title: STEPS[2],
      rows: [
        { label: '申请人', value: `${f.applicantName.trim()}，手机号 ${f.applicantMobile.trim()}` },
        ...f.coApplicants.map((p, i) => ({ label: `一起申请的第${i + 2}人`, value: partyText(p) })),
        {
          label: '对方当事人',
          value: partyText({ name: f.respondentName, mobile: f.respondentMobile, kind: f.respondentKind, representative: f.respondentRep }),
        },
        ...f.moreRespondents.map((p, i) => ({ label: `第${i + 2}位对方当事人`, value: partyText(p) })),
      ],
    },
    {
      step: 3,
      title: STEPS[3],
      rows: [
        { label: '涉及人数', value: ctx.peopleChoices.find((c) => c.value === f.people)?.label ?? '未选' },
        { label: '对方住在', value: otherSide },
        { label: '法院、仲裁或政府部门受理过', value: HANDLED_CHOICES.find((c) => c.value === f.handled)?.label ?? '未选' },
      ],
    },
    {
      step: 4,
      title: STEPS[4],
      rows: RISK_QUESTIONS.map((q) => ({ label: q.text, value: yesNo(f[q.key]) })),
    },
    {
      step: 5,
      title: STEPS[5],
      rows: [
        { label: '照片', value: f.evidence.length ? `${f.evidence.length} 张` : '没有' },
        { label: '方便的时间', value: f.preferredTimes.length ? f.preferredTimes.join('、') : '未选（调解员会和您约）' },
      ],
    },
  ];
}
