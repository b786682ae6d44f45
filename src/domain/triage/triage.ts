import type { TriageFacts, TriageReason, TriageResult } from './facts';
import {
  LEVEL_LABEL,
  LEVEL_RANK,
  findOrg,
  generalOrgFor,
  rootOrg,
  specialisedOrgFor,
  type Org,
  type OrgLevel,
  type OrgTree,
} from '../org/tree';
import { AUTHORITY_LABEL, type DeploymentRules, type ReferralAuthority } from '../config/rules';
import { categoryLabel, type CategoryLabeller } from '../config/categories';
import { domainError, type Result } from '../shared/errors';
import type { TriageOverride } from './facts';

const reason = (code: string, text: string): TriageReason => ({ code, text });

/** A minor criminal case comes to mediation only when the police or the procuratorate refers it (公调、检调对接). */
function referredByPoliceOrProcuratorate(facts: TriageFacts): boolean {
  return facts.referredBy === 'police' || facts.referredBy === 'procuratorate';
}

function referral(facts: TriageFacts, rules: DeploymentRules, label: CategoryLabeller): { authority: ReferralAuthority; reason: TriageReason } | undefined {
  if (facts.criminal === 'suspected') {
    return { authority: 'police', reason: reason('REFER_CRIMINAL', '涉嫌违法犯罪，不属于人民调解范围，应告知当事人向公安机关报案') };
  }
  if (facts.criminal === 'minor_referred' && !referredByPoliceOrProcuratorate(facts)) {
    return {
      authority: 'police',
      reason: reason('REFER_CRIMINAL_NOT_REFERRED', '轻微刑事案件须由公安机关或检察机关移送，方可调解（公调、检调对接）；应告知当事人向公安机关报案'),
    };
  }
  if (facts.alreadyHandledBy) {
    const authority: ReferralAuthority =
      facts.alreadyHandledBy === 'court' ? 'court' : facts.alreadyHandledBy === 'arbitration' ? 'arbitration' : 'administrative';
    return {
      authority,
      reason: reason('REFER_ALREADY_HANDLED', `该纠纷已由${AUTHORITY_LABEL[authority]}受理或处理，人民调解不再受理，应引导当事人向其继续主张`),
    };
  }
  const reserved = rules.triage.reservedCategories.find((r) => r.category === facts.category);
  if (reserved && facts.category) {
    return {
      authority: reserved.authority,
      reason: reason('REFER_RESERVED', `${label(facts.category)}依法由${AUTHORITY_LABEL[reserved.authority]}处理，应告知当事人向其申请`),
    };
  }
  return undefined;
}

/**
 * Criminal matters mediation may take (长治郊区: 把一些能够调解的民商事案件、刑事自诉案件、刑事附带民事案件等都列入调解范围,
 * with 检调对接 and 公调对接): the reason says so, and what mediation does and does not settle.
 */
function criminalScope(facts: TriageFacts): TriageReason | undefined {
  switch (facts.criminal) {
    case 'private_prosecution':
      return reason('CRIMINAL_PRIVATE_PROSECUTION', '刑事自诉案件列入调解范围，可以调解；调解不成的，当事人仍可向人民法院自诉');
    case 'incidental_civil':
      return reason('CRIMINAL_INCIDENTAL_CIVIL', '刑事附带民事部分列入调解范围：人民调解只调解民事赔偿，刑事责任由司法机关依法处理');
    case 'minor_referred':
      return facts.referredBy === 'procuratorate'
        ? reason('CRIMINAL_REFERRED', '检察机关移送的轻微刑事案件（检调对接），可以调解民事部分')
        : reason('CRIMINAL_REFERRED', '公安机关移送的轻微刑事案件（公调对接），可以调解民事部分');
    default:
      return undefined;
  }
}

/**
 * The level a dispute belongs to (分级调处). Every rule that fires adds its reason, so the result
 * explains itself; the highest level wins.
 */
function requiredLevel(facts: TriageFacts, tree: OrgTree, rules: DeploymentRules, reasons: TriageReason[], label: CategoryLabeller): OrgLevel {
  const t = rules.triage;
  let level: OrgLevel = 'community';
  const raise = (to: OrgLevel, why: TriageReason): void => {
    reasons.push(why);
    if (LEVEL_RANK[to] > LEVEL_RANK[level]) level = to;
  };

  const communities = [...new Set([facts.communityId, ...(facts.partyCommunityIds ?? [])].filter((c): c is string => !!c))];
  const streets = new Set(communities.map((c) => generalOrgFor(tree, c, 'street')?.id ?? `?${c}`));
  if (streets.size > 1) raise('district', reason('CROSS_STREET', '当事人或纠纷涉及不同街道（乡镇），由区矛调中心调处'));
  else if (communities.length > 1) raise('street', reason('CROSS_COMMUNITY', '当事人分属本街道不同社区（村），由街道（乡镇）调处'));

  const people = facts.peopleInvolved;
  if (people !== undefined && people >= t.groupPeopleMin) {
    raise('district', reason('GROUP_DISPUTE', `涉及${people}人，达到群体性纠纷标准（${t.groupPeopleMin}人），由区矛调中心调处`));
  } else if (people !== undefined && people >= t.streetPeopleMin) {
    raise('street', reason('MANY_PEOPLE', `涉及${people}人（${t.streetPeopleMin}人及以上），由街道（乡镇）调处`));
  }
  if (facts.amountYuan !== undefined && facts.amountYuan >= t.largeAmountYuan) {
    raise('street', reason('LARGE_AMOUNT', `争议金额${facts.amountYuan}元，达到${t.largeAmountYuan}元的标准，由街道（乡镇）调处`));
  }
  if (isHighRisk(facts)) raise('district', reason('HIGH_RISK', '存在激化风险（高风险），由区矛调中心牵头调处'));
  else if (facts.risk === 'medium') raise('street', reason('MEDIUM_RISK', '风险等级为中，由街道（乡镇）调处'));
  if (facts.crossDepartment) raise('district', reason('CROSS_DEPARTMENT', '涉及多个部门职责，由区矛调中心统筹调处'));
  if (facts.category && t.districtCategories.includes(facts.category)) {
    raise('district', reason('DISTRICT_CATEGORY', `${label(facts.category)}按本地规定由区矛调中心调处`));
  }
  if (facts.escalatedByCommunity) raise('street', reason('ESCALATED', '社区（村）调委会已上报，由街道（乡镇）调处'));
  return level;
}

export function isHighRisk(facts: TriageFacts): boolean {
  return facts.risk === 'high' || (facts.riskSignals ?? []).length > 0;
}

/** Walks up from the wanted level until an organisation of the tree serves the community. */
function generalOrgAtOrAbove(tree: OrgTree, communityId: string, level: OrgLevel): Org | undefined {
  const levels: OrgLevel[] = ['community', 'street', 'district'];
  for (const l of levels.slice(levels.indexOf(level))) {
    const org = l === 'district' ? rootOrg(tree) : generalOrgFor(tree, communityId, l);
    if (org) return org;
  }
  return undefined;
}

/**
 * Which organisation is responsible for a dispute, at what level, whether it is urgent or not for
 * mediation at all — with the reasons, in order, so a director can check and, if needed, override it. `label`
 * names the category in the reasons: the deployment's catalogue, so a county's own category reads by its name.
 */
export function triage(facts: TriageFacts, tree: OrgTree, rules: DeploymentRules, label: CategoryLabeller = categoryLabel): TriageResult {
  const reasons: TriageReason[] = [];
  const missing: TriageResult['missing'] = [];
  if (!facts.category) missing.push('category');
  if (!facts.communityId) missing.push('communityId');
  if (facts.amountYuan === undefined) missing.push('amountYuan');
  if (facts.peopleInvolved === undefined) missing.push('peopleInvolved');
  if (facts.risk === undefined && (facts.riskSignals ?? []).length === 0) missing.push('risk');

  const urgent = isHighRisk(facts);
  const emergencyNumbers = urgent ? rules.emergencyNumbers : [];
  if (urgent) {
    reasons.push(reason('URGENT', '高风险纠纷（暴力、自伤或聚集苗头）：立即处置，同时报告上级中心，并向当事人提示紧急求助电话'));
  }

  const root = rootOrg(tree);
  if (!root) throw new Error('triage: the organisation tree has no root (district centre)');
  const received = facts.receivedByOrgId ? findOrg(tree, facts.receivedByOrgId) : undefined;

  const refer = referral(facts, rules, label);
  if (refer) {
    const org = received ?? (facts.communityId ? generalOrgFor(tree, facts.communityId, 'community') : undefined) ?? root;
    reasons.push(refer.reason);
    return {
      orgId: org.id,
      level: org.level,
      specialised: org.kind === 'specialised',
      urgent,
      referOut: { authority: refer.authority, guidance: refer.reason.text },
      missing,
      emergencyNumbers,
      reasons,
    };
  }

  if (!facts.communityId) {
    const org = received ?? root;
    reasons.push(
      reason(
        'MISSING_COMMUNITY',
        received ? '未填写纠纷发生地，暂由首问单位受理并核实后再分流' : '未填写纠纷发生地，暂由区矛调中心核实后分流',
      ),
    );
    if (urgent && LEVEL_RANK[org.level] < LEVEL_RANK.district) {
      reasons.push(reason('URGENT_ALERT_UP', '高风险纠纷已同时报告区矛调中心'));
    }
    return { orgId: org.id, level: org.level, specialised: org.kind === 'specialised', urgent, missing, emergencyNumbers, reasons };
  }
  if (!facts.category) reasons.push(reason('MISSING_CATEGORY', '未填写纠纷类型，按一般民间纠纷分流，请补充后复核'));

  const level = requiredLevel(facts, tree, rules, reasons, label);
  if (reasons.filter((r) => r.code !== 'URGENT' && r.code !== 'MISSING_CATEGORY').length === 0) {
    reasons.push(reason('ORDINARY', '一般纠纷发生在本社区（村），由社区（村）调委会就地调处'));
  }
  const scope = criminalScope(facts);
  if (scope) reasons.push(scope);

  const communities = [facts.communityId, ...(facts.partyCommunityIds ?? [])];
  if (facts.category && rules.triage.specialisedCategories.includes(facts.category)) {
    const committee = specialisedOrgFor(tree, [...new Set(communities)], facts.category);
    if (committee && LEVEL_RANK[committee.level] >= LEVEL_RANK[level]) {
      reasons.push(reason('SPECIALISED', `${committee.name}负责本区域的${label(facts.category)}，由其调处`));
      return { orgId: committee.id, level: committee.level, specialised: true, urgent, missing, emergencyNumbers, reasons };
    }
    if (committee) {
      reasons.push(reason('SPECIALISED_TOO_LOW', `${committee.name}的层级低于本纠纷所需层级（${LEVEL_LABEL[level]}），不由其调处`));
    }
  }

  const org = level === 'district' ? root : generalOrgAtOrAbove(tree, facts.communityId, level);
  if (!org) throw new Error('triage: no organisation serves the community at any level');
  if (org.level !== level) {
    reasons.push(reason('NO_ORG_AT_LEVEL', `本区域没有${LEVEL_LABEL[level]}调解组织，由上一级${org.name}调处`));
  }
  return { orgId: org.id, level: org.level, specialised: false, urgent, missing, emergencyNumbers, reasons };
}

/**
 * A director routes the case elsewhere than suggested. The written reason is mandatory: it is what a
 * supervisor reads when checking why a case went where it did.
 */
export function overrideTriage(
  result: TriageResult,
  chosenOrgId: string,
  why: string,
  by: string,
  at: string,
  tree: OrgTree,
): Result<TriageOverride> {
  if (why.trim().length === 0) return { ok: false, error: domainError('REASON_REQUIRED', '改变分流建议须填写理由') };
  if (!findOrg(tree, chosenOrgId)) return { ok: false, error: domainError('ORG_NOT_FOUND', '所选调解组织不存在') };
  return { ok: true, value: { suggestedOrgId: result.orgId, chosenOrgId, reason: why.trim(), by, at } };
}
