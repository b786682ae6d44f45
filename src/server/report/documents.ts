// The documents offices print and seal, built from the case record: transfer notice (转办通知书), rights and
// obligations notice (权利义务告知书), session record (调解笔录), mediation agreement (调解协议书, Art. 29) and
// return-visit record (回访记录). `documentContent` is pure (case → blocks of text); docx.ts writes the file.
import type { Case, ReturnVisit } from '../../domain/case/model';
import { AFTER_CLOSE_VISIT_RESULTS, OUTCOME_LABEL, RETURN_VISIT_RESULT_LABEL, SESSION_MODE_LABEL } from '../../domain/case/labels';
import { chinaDateOf, formatChinaTime } from '../../domain/shared/time';
import { AppError } from '../kernel/errors';
import type { TimelineEntry } from '../cases/store';
import { DOCUMENT_TITLE, type DocumentKind } from './titles';

export type { DocumentKind } from './titles';
export { DOCUMENT_TITLE } from './titles';
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string; bold?: boolean; right?: boolean }
  | { kind: 'table'; rows: string[][] }
  /** Blank lines for a handwritten signature or the seal. */
  | { kind: 'sign'; lines: string[] };

export interface DocContent {
  title: string;
  /** The organisation's name, printed above the title. */
  orgName: string;
  caseNo: string;
  blocks: Block[];
}

export interface DocContext {
  orgName(orgId: string | undefined): string;
  personName(userId: string | undefined): string;
  /** The dispute text as it may be printed: never text still held for review (a printed page reaches the parties). */
  disputeText: string;
  /** Any other free text of the case as it may be printed: a placeholder while it is held for review. */
  printable(text: string): string;
  /** The deployment's name of a category (its own categories included). */
  categoryLabel(code: string): string;
  /** A party's phone number masked (138****1234), or '' when none is on file or it does not open here. */
  maskedMobile(partyId: string): string;
  /** The court for judicial confirmation where the responsible organisation is, when the deployment names one. */
  court?: { name: string; address: string; phone: string };
  /** The day the document is made (an ISO instant), for letters dated when they are issued. */
  issuedAt?: string;
}

const cnDate = (instant: string) => {
  const [y, m, d] = chinaDateOf(instant).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};
const partyName = (c: Case, partyId: string) => c.parties.find((p) => p.partyId === partyId)?.name ?? partyId;
const partyLine = (c: Case, role: 'applicant' | 'respondent') => c.parties.filter((p) => p.role === role).map((p) => p.name).join('、') || '—';

function notAvailable(message: string): never {
  throw new AppError('DOCUMENT_NOT_AVAILABLE', message);
}

/** The last transfer of the case: pending on the case, or read from its timeline once answered. */
function lastTransfer(c: Case, timeline: TimelineEntry[]): { at: string; fromOrgId?: string; toOrgId?: string; reason?: string; dueAt?: string } | undefined {
  if (c.status === 'transferring') return { at: c.transfer.sentAt, fromOrgId: c.transfer.fromOrgId, toOrgId: c.transfer.toOrgId, reason: c.transfer.reason, dueAt: c.transfer.dueAt };
  const t = [...timeline].reverse().find((e) => e.type === 'case_transferred');
  return t ? { at: t.at, fromOrgId: t.actorOrgId, toOrgId: t.toOrgId, reason: t.reason } : undefined;
}

function transferNotice(c: Case, timeline: TimelineEntry[], dc: DocContext): DocContent {
  const t = lastTransfer(c, timeline) ?? notAvailable('本案没有转办记录');
  const from = dc.orgName(t.fromOrgId ?? c.firstInquiry.orgId);
  return {
    title: DOCUMENT_TITLE.transfer_notice,
    orgName: from,
    caseNo: c.caseNo,
    blocks: [
      { kind: 'para', text: `${dc.orgName(t.toOrgId)}：` },
      {
        kind: 'para',
        text: `${cnDate(c.registeredAt)}，我单位作为首问责任单位登记了申请人${partyLine(c, 'applicant')}与被申请人${partyLine(c, 'respondent')}之间的${dc.categoryLabel(c.category)}（案件编号：${c.caseNo}）。根据首问负责制和分级调处的规定，现将该纠纷转你单位办理。`,
      },
      { kind: 'para', text: `转办理由：${t.reason ? dc.printable(t.reason) : '—'}` },
      { kind: 'para', text: `纠纷简要情况：${dc.disputeText}` },
      {
        kind: 'para',
        text: `请于${t.dueAt ? formatChinaTime(t.dueAt) : '规定期限'}前签收并受理；确不属于你单位管辖的，请在期限内说明理由退回。签收前，本单位仍为本案责任单位。`,
      },
      { kind: 'sign', lines: [`${from}（盖章）`, `经办人：${dc.personName(c.firstInquiry.personId) || '__________'}`, cnDate(t.at)] },
    ],
  };
}

function rightsNotice(c: Case, dc: DocContext): DocContent {
  if (!c.acceptedAt) notAvailable('案件受理后才能出具权利义务告知书');
  const org = dc.orgName(c.responsibleOrgId);
  return {
    title: DOCUMENT_TITLE.rights_notice,
    orgName: org,
    caseNo: c.caseNo,
    blocks: [
      { kind: 'para', text: `当事人：${c.parties.map((p) => p.name).join('、')}` },
      { kind: 'para', text: `你（们）之间的${dc.categoryLabel(c.category)}已由本委员会于${cnDate(c.acceptedAt)}受理。人民调解遵循自愿、平等、合法的原则，不收取任何费用。根据《中华人民共和国人民调解法》，现将你们在调解活动中享有的权利和承担的义务告知如下：` },
      { kind: 'heading', text: '一、当事人享有下列权利（第二十三条）' },
      { kind: 'para', text: '1．选择或者接受人民调解员；' },
      { kind: 'para', text: '2．接受调解、拒绝调解或者要求终止调解；' },
      { kind: 'para', text: '3．要求调解公开进行或者不公开进行；' },
      { kind: 'para', text: '4．自主表达意愿、自愿达成调解协议。' },
      { kind: 'heading', text: '二、当事人履行下列义务（第二十四条）' },
      { kind: 'para', text: '1．如实陈述纠纷事实；' },
      { kind: 'para', text: '2．遵守调解现场秩序，尊重人民调解员；' },
      { kind: 'para', text: '3．尊重对方当事人行使权利。' },
      { kind: 'heading', text: '三、其他事项' },
      { kind: 'para', text: '人民调解不影响当事人依法通过仲裁、行政、司法等途径维护自己的权利（第三条）。经人民调解委员会调解达成的调解协议具有法律约束力；双方当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认（第三十三条）。' },
      { kind: 'sign', lines: ['当事人签名：__________    __________', `${org}（盖章）`, cnDate(c.rightsNoticeAt ?? c.acceptedAt)] },
    ],
  };
}

function sessionRecord(c: Case, dc: DocContext): DocContent {
  const records = c.sessions;
  if (!records.length) notAvailable('本案尚无调查或调解记录');
  const blocks: Block[] = [];
  records.forEach((s, i) => {
    const present = [...s.attendeePartyIds.map((id) => partyName(c, id)), ...(s.otherAttendees ?? [])].join('、');
    blocks.push({ kind: 'heading', text: `${s.kind === 'session' ? '调解' : '调查'}记录（第${i + 1}次）` });
    blocks.push({
      kind: 'table',
      rows: [
        ['时间', formatChinaTime(s.heldAt)],
        ['方式', `${SESSION_MODE_LABEL[s.mode]}${s.nonPublic ? '（不公开）' : ''}`],
        ['调解员', dc.personName(s.recordedBy)],
        ['参加人', present || '—'],
        ['案由', dc.categoryLabel(c.category)],
      ],
    });
    blocks.push({ kind: 'para', text: `记录内容：${s.summary}` });
    if (s.nextStep) blocks.push({ kind: 'para', text: `下一步：${s.nextStep}` });
  });
  blocks.push({ kind: 'sign', lines: ['当事人签名：__________    __________', '调解员签名：__________', '记录人签名：__________'] });
  return { title: DOCUMENT_TITLE.session_record, orgName: dc.orgName(c.responsibleOrgId), caseNo: c.caseNo, blocks };
}

const ROLE_LABEL = { applicant: '申请人', respondent: '被申请人' } as const;

/** 3 → 三, 12 → 十二, 31 → 三十一 (copies of an agreement: one per party and one for the committee). */
function cnCount(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n];
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? d[tens] : ''}十${n % 10 ? d[n % 10] : ''}`;
}
const ID_TYPE = { resident_id: '公民身份号码', other: '身份证件号码', credit_code: '统一社会信用代码' } as const;

function agreement(c: Case, dc: DocContext): DocContent {
  const a = c.agreement ?? notAvailable('本案尚无调解协议');
  const org = dc.orgName(c.responsibleOrgId);
  const items = c.performanceItems ?? a.content.performance;
  const performance: Block[] = items.map((it, i) => ({
    kind: 'para',
    text: `${i + 1}．${partyName(c, it.obligorPartyId)}向${partyName(c, it.obligeePartyId)}${it.description}${it.amountYuan !== undefined ? `人民币${it.amountYuan}元` : ''}，履行方式：${it.method}，履行地点：${it.place}，履行期限：${it.dueDate}前。`,
  }));
  if (a.form === 'oral') {
    return {
      title: '人民调解口头协议登记',
      orgName: org,
      caseNo: c.caseNo,
      blocks: [
        { kind: 'para', text: `当事人：${c.parties.map((p) => `${ROLE_LABEL[p.role]}${p.name}`).join('；')}` },
        { kind: 'para', text: `纠纷类型：${dc.categoryLabel(c.category)}` },
        { kind: 'para', text: `纠纷简要情况：${dc.disputeText}` },
        { kind: 'heading', text: '经调解，当事人自愿达成如下口头协议（《人民调解法》第二十八条）：' },
        ...a.content.terms.map((t, i): Block => ({ kind: 'para', text: `${i + 1}．${t}` })),
        ...(a.choice
          ? [{ kind: 'para', text: `${a.choice.statedByPartyIds.map((id) => partyName(c, id)).join('、')}均表示无需制作调解协议书（${cnDate(a.choice.statedAt)}）。` } as Block]
          : []),
        // Oral agreements recorded before the MoJ 2002 rule was applied may still carry items to perform.
        ...(performance.length ? [{ kind: 'heading', text: '履行方式、地点和期限' } as Block, ...performance] : []),
        { kind: 'sign', lines: [`调解员：${dc.personName(a.recordedBy)}`, `${org}`, cnDate(a.recordedAt)] },
      ],
    };
  }
  const content = a.content;
  // 双方 for two parties; 各方 when there are more (a group dispute, several heirs).
  const sides = c.parties.length > 2 ? '各方' : '双方';
  const agentOf = (partyId: string) => c.parties.find((q) => q.partyId === partyId)?.agent;
  const blocks: Block[] = [
    ...content.parties.flatMap((p): Block[] => {
      const agent = agentOf(p.partyId);
      return [
        {
          kind: 'para',
          text: `${ROLE_LABEL[p.role]}：${p.name}，${ID_TYPE[p.idType]}：${p.idNumber}，住所：${p.address}${p.representative ? `，法定代表人（负责人）：${p.representative}` : ''}`,
        },
        ...(agent ? [{ kind: 'para', text: `委托代理人：${agent.name}（${agent.specialPowers ? '特别授权' : '一般授权'}）` } as Block] : []),
      ];
    }),
    { kind: 'heading', text: '一、纠纷主要事实' },
    { kind: 'para', text: content.facts },
    { kind: 'heading', text: '二、争议事项' },
    { kind: 'para', text: content.disputedMatters },
    { kind: 'heading', text: '三、各方当事人的责任' },
    { kind: 'para', text: content.responsibilities },
    { kind: 'heading', text: `四、经调解，${sides}当事人自愿达成如下协议` },
    ...content.terms.map((t, i): Block => ({ kind: 'para', text: `${i + 1}．${t}` })),
    { kind: 'heading', text: '五、履行方式、地点和期限' },
    ...performance,
    {
      kind: 'para',
      text: `本协议自各方当事人签名（确认）、人民调解员签名并加盖人民调解委员会印章之日起生效。本协议具有法律约束力，当事人应当按照约定履行。${sides}当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。本协议一式${cnCount(c.parties.length + 1)}份，${sides}当事人、人民调解委员会各执一份。`,
    },
    {
      kind: 'table',
      rows: [
        ['当事人', '确认方式', '确认时间'],
        ...c.parties.map((p) => {
          const conf = a.confirmations.find((x) => x.partyId === p.partyId && x.hash === a.hash);
          return [`${ROLE_LABEL[p.role]}：${p.name}`, conf ? (conf.method === 'paper' ? '书面签名' : '在线确认') : '未确认', conf ? formatChinaTime(conf.at) : ''];
        }),
      ],
    },
    {
      kind: 'sign',
      lines: [
        `当事人（签名）：${c.parties.map((p) => `${p.name}__________`).join('  ')}`,
        `人民调解员（签名）：${a.mediatorSignature ? dc.personName(a.mediatorSignature.mediatorId) : '__________'}`,
        `${org}（印章）`,
        a.effectiveAt ? cnDate(a.effectiveAt) : '____年__月__日',
      ],
    },
  ];
  if (a.judicialConfirmationBy) blocks.push({ kind: 'para', text: `申请司法确认的最后日期：${a.judicialConfirmationBy}` });
  return { title: DOCUMENT_TITLE.agreement, orgName: org, caseNo: c.caseNo, blocks };
}

/** The return-visit record's wording; after closing, the row is the dispute's state, not the agreement's. */
const VISIT_RESULT: Record<ReturnVisit['result'], string> = { ...RETURN_VISIT_RESULT_LABEL, performed: '已全部履行' };
const isAfterCloseVisit = (r: ReturnVisit['result']) => (AFTER_CLOSE_VISIT_RESULTS as readonly string[]).includes(r);

function returnVisit(c: Case, dc: DocContext): DocContent {
  if (!c.returnVisits.length) notAvailable('本案尚无回访记录');
  const blocks: Block[] = [
    { kind: 'para', text: `当事人：${c.parties.map((p) => `${ROLE_LABEL[p.role]}${p.name}`).join('；')}` },
    { kind: 'para', text: `纠纷类型：${dc.categoryLabel(c.category)}；调解结果：${c.agreement?.effectiveAt ? '达成调解协议' : c.status === 'closed' ? OUTCOME_LABEL[c.outcome] : '—'}` },
  ];
  c.returnVisits.forEach((v, i) => {
    blocks.push({ kind: 'heading', text: `第${i + 1}次回访` });
    blocks.push({
      kind: 'table',
      rows: [
        ['回访时间', formatChinaTime(v.at)],
        ['回访人', dc.personName(v.by)],
        [isAfterCloseVisit(v.result) ? '纠纷现状' : '协议履行情况', VISIT_RESULT[v.result]],
        ['当事人满意度', v.satisfaction ? `${v.satisfaction}分（满分5分）` : '未评价'],
        ['回访情况', dc.printable(v.notes)],
      ],
    });
  });
  blocks.push({ kind: 'sign', lines: ['回访人签名：__________', `${dc.orgName(c.responsibleOrgId)}（盖章）`] });
  return { title: DOCUMENT_TITLE.return_visit, orgName: dc.orgName(c.responsibleOrgId), caseNo: c.caseNo, blocks };
}

/**
 * 司法确认申请书 (People's Mediation Law Art. 33; Civil Procedure Law Art. 205–206): the parties' joint
 * application to the basic court where the mediation organisation is, within 30 days of the agreement taking
 * effect. Identity and phone numbers are printed masked, as everywhere else: the parties write them in full by hand
 * (or bring their identity documents), so a lost printout gives nothing away.
 */
function judicialApplication(c: Case, dc: DocContext): DocContent {
  const a = c.agreement;
  if (a?.form !== 'written' || !a.effectiveAt || !a.judicialConfirmationBy) notAvailable('本案没有生效的书面调解协议，无需申请司法确认');
  const org = dc.orgName(c.responsibleOrgId);
  const court = dc.court?.name ?? '__________人民法院';
  const sides = c.parties.length > 2 ? '各方' : '双方';
  const agentOf = (partyId: string) => c.parties.find((q) => q.partyId === partyId)?.agent;
  return {
    title: DOCUMENT_TITLE.judicial_application,
    orgName: org,
    caseNo: c.caseNo,
    blocks: [
      { kind: 'heading', text: '申请人' },
      ...a.content.parties.flatMap((p, i): Block[] => {
        const agent = agentOf(p.partyId);
        const mobile = dc.maskedMobile(p.partyId);
        return [
          {
            kind: 'para',
            text: `申请人${cnCount(i + 1)}：${p.name}（${ROLE_LABEL[p.role]}），${ID_TYPE[p.idType]}：${p.idNumber}，住所：${p.address}${p.representative ? `，法定代表人（负责人）：${p.representative}` : ''}，联系电话：${mobile || '__________'}`,
          },
          ...(agent ? [{ kind: 'para', text: `委托代理人：${agent.name}（${agent.specialPowers ? '特别授权' : '一般授权'}）` } as Block] : []),
        ];
      }),
      { kind: 'heading', text: '请求事项' },
      { kind: 'para', text: `请求人民法院确认申请人于${cnDate(a.effectiveAt)}经${org}主持调解达成的人民调解协议（案件编号：${c.caseNo}）有效。` },
      { kind: 'heading', text: '事实和理由' },
      {
        kind: 'para',
        text: `申请人之间的${dc.categoryLabel(c.category)}，经${org}调解，${sides}当事人自愿达成调解协议，协议于${cnDate(a.effectiveAt)}生效。协议主要内容如下：`,
      },
      ...a.content.terms.map((t, i): Block => ({ kind: 'para', text: `${i + 1}．${t}` })),
      {
        kind: 'para',
        text: `根据《中华人民共和国人民调解法》第三十三条和《中华人民共和国民事诉讼法》第二百零五条、第二百零六条的规定，申请人于协议生效之日起三十日内（${a.judicialConfirmationBy}前）共同向调解组织所在地基层人民法院申请司法确认。`,
      },
      { kind: 'heading', text: '申请人承诺' },
      {
        kind: 'para',
        text: '一、出于解决纠纷的目的自愿达成调解协议，没有恶意串通、规避法律的行为；二、如因虚假调解导致调解协议被确认无效，愿意承担相应的民事责任和其他法律责任；三、提交的材料真实、合法。',
      },
      { kind: 'heading', text: '携带材料' },
      { kind: 'para', text: '1．本申请书（各方当事人签名）；' },
      { kind: 'para', text: `2．人民调解协议书原件（${org}盖章）；` },
      { kind: 'para', text: '3．各方当事人的身份证明：居民身份证原件及复印件；单位当事人的营业执照复印件、法定代表人身份证明；' },
      { kind: 'para', text: '4．委托他人代为申请的，授权委托书（须特别授权）及代理人身份证明；' },
      { kind: 'para', text: '5．与调解协议有关的财产权利证明等证据材料。' },
      ...(dc.court ? [{ kind: 'para', text: `受理法院：${dc.court.name}，地址：${dc.court.address}，电话：${dc.court.phone}` } as Block] : []),
      { kind: 'para', text: '此致' },
      { kind: 'para', text: court },
      {
        kind: 'sign',
        lines: [...a.content.parties.map((p) => `申请人（签名或盖章）：${p.name}__________`), '____年__月__日'],
      },
    ],
  };
}

/**
 * 调解情况反馈函 (回告, 诉调/公调/检调/访调对接): the letter telling the court, police station, procuratorate or
 * petition office that referred a case how it ended — its own reference beside our case number, the outcome, the
 * agreed terms or why mediation did not succeed and what the parties were told. Available once the case is closed,
 * whatever the outcome; phone numbers are printed masked, as everywhere else.
 */
function referralFeedback(c: Case, dc: DocContext): DocContent {
  const r = c.referredIn;
  if (!r) notAvailable('本案不是其他机关移交调解的案件，无需回告');
  if (c.status !== 'closed') notAvailable('案件办结后才能出具调解情况反馈函');
  const org = dc.orgName(c.responsibleOrgId);
  const terms = c.agreement?.effectiveAt ? c.agreement.content.terms : [];
  const outcome: Block[] =
    terms.length > 0
      ? [
          { kind: 'para', text: `调解结果：经调解，当事人自愿达成${c.agreement?.form === 'oral' ? '口头' : '书面'}调解协议，协议于${cnDate(c.agreement!.effectiveAt!)}生效。协议主要内容如下：` },
          ...terms.map((t, i): Block => ({ kind: 'para', text: `${i + 1}．${dc.printable(t)}` })),
          { kind: 'para', text: `结案情况：${OUTCOME_LABEL[c.outcome]}` },
        ]
      : [
          { kind: 'para', text: `调解结果：${OUTCOME_LABEL[c.outcome]}` },
          ...(c.closeReason ? [{ kind: 'para', text: `原因：${dc.printable(c.closeReason)}` } as Block] : []),
          ...(c.guidance ? [{ kind: 'para', text: `已告知当事人的其他途径：${dc.printable(c.guidance)}` } as Block] : []),
          ...(c.referral ? [{ kind: 'para', text: `已告知当事人的途径：${dc.printable(c.referral.guidance)}` } as Block] : []),
        ];
  return {
    title: DOCUMENT_TITLE.referral_feedback,
    orgName: org,
    caseNo: c.caseNo,
    blocks: [
      { kind: 'para', text: `${r.body}：` },
      {
        kind: 'para',
        text: `贵单位于${r.referredOn.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, '$1年$2月$3日')}移交（委派）我单位调解的纠纷（贵单位案号/编号：${r.reference}），我单位已登记为人民调解案件（案件编号：${c.caseNo}），现将调解情况反馈如下：`,
      },
      {
        kind: 'table',
        rows: [
          ['当事人', c.parties.map((p) => { const m = dc.maskedMobile(p.partyId); return `${ROLE_LABEL[p.role]}${p.name}${m ? `（${m}）` : ''}`; }).join('；')],
          ['纠纷类型', dc.categoryLabel(c.category)],
          ['受理日期', c.acceptedAt ? cnDate(c.acceptedAt) : '—'],
          ['结案日期', cnDate(c.closedAt)],
          ['承办人民调解员', dc.personName(c.mediatorId) || '—'],
        ],
      },
      ...outcome,
      { kind: 'para', text: '特此函告。' },
      { kind: 'sign', lines: [`${org}（盖章）`, cnDate(dc.issuedAt ?? c.closedAt)] },
    ],
  };
}

export function documentContent(kind: DocumentKind, c: Case, timeline: TimelineEntry[], dc: DocContext): DocContent {
  switch (kind) {
    case 'transfer_notice':
      return transferNotice(c, timeline, dc);
    case 'rights_notice':
      return rightsNotice(c, dc);
    case 'session_record':
      return sessionRecord(c, dc);
    case 'agreement':
      return agreement(c, dc);
    case 'return_visit':
      return returnVisit(c, dc);
    case 'judicial_application':
      return judicialApplication(c, dc);
    case 'referral_feedback':
      return referralFeedback(c, dc);
  }
}
