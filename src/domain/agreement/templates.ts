// Agreement templates per dispute category (调解协议书范本): the usual matters in dispute, responsibilities,
// terms and performance items, in Chinese, with the parties' names filled in from the case. What the
// template cannot know is left as `TEMPLATE_BLANK`, which validation refuses until the mediator fills it in.
import type { AgreementContent, PerformanceItemSpec } from './content';
import { TEMPLATE_BLANK } from './rules';
import { categoryLabel, type CategoryLabeller } from '../config/categories';
import { addCalendarDays, type IsoDate } from '../shared/time';

const B = TEMPLATE_BLANK;

interface ItemTemplate {
  /** Who performs: the respondent (被申请人) in most disputes. */
  obligor: 'applicant' | 'respondent';
  description: string;
  method: string;
  /** The item is a payment of the agreed amount. */
  money: boolean;
}

export interface AgreementTemplate {
  category: string;
  title: string;
  disputedMatters: string;
  responsibilities: string;
  terms: string[];
  items: ItemTemplate[];
}

/** `{甲}` is the applicant's name, `{乙}` the respondent's, `{金额}` the agreed amount. */
const pay = (description: string): ItemTemplate => ({ obligor: 'respondent', description, method: '银行转账或微信转账', money: true });
const act = (description: string, method: string, obligor: 'applicant' | 'respondent' = 'respondent'): ItemTemplate => ({ obligor, description, method, money: false });

const T: Record<string, Omit<AgreementTemplate, 'category' | 'title'>> = {
  neighbourhood: {
    disputedMatters: `{甲}与{乙}因${B}（如噪音、漏水、通行、采光）发生邻里纠纷，争议事项为损失赔偿及今后相处方式。`,
    responsibilities: `{乙}对${B}负主要责任；双方本着互谅互让、团结和睦的原则处理相邻关系。`,
    terms: ['{乙}赔偿{甲}损失{金额}。', `{乙}于${B}前完成${B}（如维修、整改），今后不再发生同类情况。`, '双方今后互相尊重，和睦相处，不再因本纠纷发生争执。'],
    items: [pay('{乙}向{甲}支付赔偿款'), act(`{乙}完成${B}`, '自行或委托他人完成并经{甲}查看')],
  },
  family: {
    disputedMatters: `{甲}与{乙}因${B}发生家庭纠纷，争议事项为家庭事务的分担与家庭成员之间的相处。`,
    responsibilities: '双方均应履行家庭成员间的义务，互相尊重、互相关爱。',
    terms: [`{乙}承担${B}。`, '双方互谅互让，不再因此事发生争吵。'],
    items: [act(`{乙}承担${B}`, '按约定方式履行')],
  },
  marriage: {
    disputedMatters: `{甲}与{乙}因${B}发生婚姻纠纷，争议事项为夫妻共同财产的处理及子女抚养。`,
    responsibilities: '双方应依照《中华人民共和国民法典》婚姻家庭编的规定，平等协商处理夫妻财产和子女抚养问题。',
    terms: [`夫妻共同财产${B}归{甲}所有，${B}归{乙}所有。`, `子女${B}由${B}抚养，另一方每月支付抚养费{金额}。`, '本协议须经双方当面签字确认。'],
    items: [pay('{乙}向{甲}支付抚养费（首期）'), act(`{乙}将${B}交付{甲}`, '当面交付并签收')],
  },
  adoption: {
    disputedMatters: `{甲}与{乙}因收养关系中的${B}发生纠纷，争议事项为被收养人的抚养、探望及相关费用。`,
    responsibilities: '双方应以被收养人的利益为重，依照《中华人民共和国民法典》收养的规定履行各自义务。',
    terms: [`被收养人${B}的抚养、教育由${B}负责。`, '{乙}承担相关费用{金额}。', '本协议须经双方当面签字确认。'],
    items: [pay('{乙}向{甲}支付相关费用')],
  },
  inheritance: {
    disputedMatters: `{甲}与{乙}因被继承人${B}的遗产分割发生纠纷，争议事项为遗产的范围和分配。`,
    responsibilities: '双方均为法定继承人，依照《中华人民共和国民法典》继承编的规定，平等协商分割遗产。',
    terms: [`遗产${B}由{甲}继承，${B}由{乙}继承。`, '{乙}向{甲}支付遗产折价款{金额}。', '本协议须经双方当面签字确认。'],
    items: [pay('{乙}向{甲}支付遗产折价款'), act(`双方共同办理${B}的过户手续`, '共同到不动产登记机构办理')],
  },
  support: {
    disputedMatters: `{甲}与{乙}因赡养（抚养、扶养）费用及照料事宜发生纠纷，争议事项为${B}。`,
    responsibilities: '成年子女对父母负有赡养扶助的义务，父母对未成年子女负有抚养、教育和保护的义务。',
    terms: ['{乙}每月向{甲}支付赡养（抚养、扶养）费{金额}。', `{乙}每${B}探望、照料{甲}一次。`],
    items: [pay('{乙}向{甲}支付赡养（抚养、扶养）费（首期）'), act('{乙}探望、照料{甲}', '上门探望')],
  },
  debt: {
    disputedMatters: `{乙}向{甲}借款${B}，到期未还，争议事项为借款本金及利息的偿还。`,
    responsibilities: '{乙}应按约定偿还借款，{甲}同意在本协议范围内给予宽限。',
    terms: ['{乙}偿还{甲}借款{金额}。', '{乙}按期付清后，双方再无其他债权债务关系。'],
    items: [pay('{乙}向{甲}偿还借款')],
  },
  contract: {
    disputedMatters: `{甲}与{乙}因${B}合同的履行发生纠纷，争议事项为合同款项的支付和违约责任。`,
    responsibilities: `{乙}未按合同约定${B}，应承担相应责任。`,
    terms: ['{乙}向{甲}支付合同款项{金额}。', `{乙}于${B}前继续履行${B}。`],
    items: [pay('{乙}向{甲}支付合同款项')],
  },
  damages: {
    disputedMatters: `{乙}的${B}行为造成{甲}${B}损失，争议事项为损害赔偿的数额和支付方式。`,
    responsibilities: `{乙}对{甲}的损失负${B}责任。`,
    terms: ['{乙}一次性赔偿{甲}各项损失共计{金额}。', '{乙}按期付清后，双方就本次纠纷再无其他争议。'],
    items: [pay('{乙}向{甲}支付赔偿款')],
  },
  labour: {
    disputedMatters: `{甲}与{乙}因劳动报酬（经济补偿）${B}发生争议，争议事项为拖欠的工资及经济补偿。`,
    responsibilities: '用人单位应依法及时足额支付劳动报酬。',
    terms: ['{乙}向{甲}支付拖欠的劳动报酬及经济补偿共计{金额}。', `{乙}于${B}前为{甲}办理${B}手续。`],
    items: [pay('{乙}向{甲}支付劳动报酬及经济补偿'), act(`{乙}为{甲}办理${B}手续`, '到用人单位办理')],
  },
  traffic: {
    disputedMatters: `${B}年${B}月${B}日，{乙}驾驶车辆与{甲}发生交通事故，争议事项为医疗费、误工费、车辆维修费等损失的赔偿。`,
    responsibilities: '按公安机关交通管理部门的事故认定书，{乙}负${B}责任。',
    terms: ['{乙}（含其保险公司理赔部分）赔偿{甲}各项损失共计{金额}。', '赔偿款付清后，双方就本次事故再无其他争议。'],
    items: [pay('{乙}向{甲}支付交通事故赔偿款')],
  },
  medical: {
    disputedMatters: `{甲}在{乙}处就诊（${B}）后发生${B}，争议事项为医疗损害的赔偿。`,
    responsibilities: `经双方协商（或依鉴定意见），{乙}对{甲}的损害负${B}责任。`,
    terms: ['{乙}一次性补偿{甲}{金额}。', '补偿款付清后，双方就本次医疗纠纷再无其他争议。'],
    items: [pay('{乙}向{甲}支付补偿款')],
  },
  property: {
    disputedMatters: `{甲}与{乙}因物业服务${B}（如物业费、维修、停车）发生纠纷。`,
    responsibilities: '物业服务人应按合同提供服务，业主应按约定交纳物业费。',
    terms: [`{乙}于${B}前完成${B}。`, '{甲}交纳物业费{金额}。'],
    items: [act(`{乙}完成${B}`, '由物业服务人安排维修并经业主查看'), { obligor: 'applicant', description: '{甲}向{乙}交纳物业费', method: '到物业服务中心交纳', money: true }],
  },
  land_contract: {
    disputedMatters: `{甲}与{乙}因${B}地块的土地承包经营权（流转）发生纠纷，争议事项为地块界址及流转费用。`,
    responsibilities: '双方应依照《中华人民共和国农村土地承包法》及承包合同行使权利、履行义务。',
    terms: [`${B}地块界址以${B}为准。`, '{乙}向{甲}支付土地流转费{金额}。'],
    items: [pay('{乙}向{甲}支付土地流转费'), act('双方共同确认地块界址', '在村民委员会见证下现场确认')],
  },
  land_requisition: {
    disputedMatters: `{甲}与{乙}因${B}征收补偿安置发生纠纷，争议事项为补偿款的数额和发放。`,
    responsibilities: '补偿安置按依法批准的征收补偿方案执行，本协议仅就方案范围内的事项达成一致。',
    terms: ['{乙}按补偿方案向{甲}支付补偿款{金额}。', `{甲}于${B}前完成${B}的腾退。`],
    items: [pay('{乙}向{甲}支付补偿款'), act(`{甲}完成${B}的腾退`, '腾退后由双方现场验收', 'applicant')],
  },
  environmental_pollution: {
    disputedMatters: `{乙}的${B}（如油烟、噪声、污水）影响{甲}的生活，争议事项为污染的治理和损失的赔偿。`,
    responsibilities: '{乙}应采取措施防止污染，并对已造成的损失承担责任。',
    terms: [`{乙}于${B}前完成${B}整改。`, '{乙}赔偿{甲}损失{金额}。'],
    items: [act(`{乙}完成${B}整改`, '整改后由双方现场查看'), pay('{乙}向{甲}支付赔偿款')],
  },
  other: {
    disputedMatters: `{甲}与{乙}因${B}发生纠纷，争议事项为${B}。`,
    responsibilities: `{乙}对${B}负${B}责任。`,
    terms: ['{乙}向{甲}支付{金额}。'],
    items: [pay('{乙}向{甲}支付款项')],
  },
};

/** The template for a category (falling back to the general one for a deployment's own categories). */
export function agreementTemplate(category: string, label: CategoryLabeller = categoryLabel): AgreementTemplate {
  const t = T[category] ?? T.other;
  return { category, title: `${label(category)}调解协议书`, ...t };
}

export const TEMPLATE_CATEGORIES = Object.keys(T);

/** What the case knows that the draft can use. */
export interface TemplateCase {
  category: string;
  summary: string;
  parties: Array<{ partyId: string; role: 'applicant' | 'respondent'; name: string; kind?: 'person' | 'organisation'; representative?: string }>;
  facts: { amountYuan?: number };
}

/** What the mediator adds when asking for a draft; all optional. */
export interface TemplateFacts {
  /** The main facts as found (defaults to the case summary). */
  facts?: string;
  amountYuan?: number;
  /** Where performance happens (usually the committee's address). */
  place?: string;
  dueDate?: IsoDate;
}

const DEFAULT_DUE_DAYS = 15;

/**
 * A first draft from the category's template: every party listed (identity number and address left for the
 * mediator), names filled into the clauses, one performance item per template item. Pure: `today` is passed in.
 */
export function draftFromTemplate(c: TemplateCase, category: string, facts: TemplateFacts, today: IsoDate, label: CategoryLabeller = categoryLabel): AgreementContent {
  const t = agreementTemplate(category, label);
  const applicant = c.parties.find((p) => p.role === 'applicant');
  const respondent = c.parties.find((p) => p.role === 'respondent');
  // With several parties on a side, the clauses name them all (甲、乙、丙); the items start with the first of
  // each side, for the mediator to split per party where each owes their own share.
  const side = (role: 'applicant' | 'respondent') => c.parties.filter((p) => p.role === role).map((p) => p.name).join('、') || B;
  const amount = facts.amountYuan ?? c.facts.amountYuan;
  const fill = (s: string) =>
    s
      .split('{甲}').join(side('applicant'))
      .split('{乙}').join(side('respondent'))
      .split('{金额}').join(amount !== undefined ? `人民币${amount}元` : `人民币${B}元`);
  const due = facts.dueDate ?? addCalendarDays(today, DEFAULT_DUE_DAYS);
  const performance: PerformanceItemSpec[] = t.items.map((item, i) => {
    const obligor = item.obligor === 'respondent' ? respondent : applicant;
    const obligee = item.obligor === 'respondent' ? applicant : respondent;
    return {
      itemId: `i${i + 1}`,
      obligorPartyId: obligor?.partyId ?? '',
      obligeePartyId: obligee?.partyId ?? '',
      description: fill(item.description),
      ...(item.money && amount !== undefined ? { amountYuan: amount } : {}),
      method: fill(item.method),
      place: facts.place?.trim() || B,
      dueDate: due,
    };
  });
  return {
    // An organisation is identified by its unified social credit code and acts through its representative.
    parties: c.parties.map((p) =>
      p.kind === 'organisation'
        ? { partyId: p.partyId, role: p.role, kind: 'organisation' as const, name: p.name, idType: 'credit_code' as const, idNumber: '', address: '', ...(p.representative ? { representative: p.representative } : {}) }
        : { partyId: p.partyId, role: p.role, kind: 'person' as const, name: p.name, idType: 'resident_id' as const, idNumber: '', address: '' },
    ),
    facts: facts.facts?.trim() || c.summary,
    disputedMatters: fill(t.disputedMatters),
    responsibilities: fill(t.responsibilities),
    terms: t.terms.map(fill),
    performance,
  };
}
