// What a party brings to a mediation session (the appointment card): always an identity document and the papers of
// the dispute; some kinds of dispute need particular papers too. Deployment-added categories get the general list.

export const WHAT_TO_BRING_ALWAYS: readonly string[] = ['身份证', '与纠纷有关的材料（合同、票据、照片等）'];

const BY_CATEGORY: Readonly<Record<string, readonly string[]>> = {
  labour: ['劳动合同、工资条或考勤记录'],
  traffic: ['交通事故认定书、医疗费票据'],
  medical: ['病历、检查报告和医疗费票据'],
  property: ['房产证或租赁合同、物业费票据'],
  debt: ['借条、转账记录'],
  marriage: ['户口本、结婚证'],
  inheritance: ['户口本、亲属关系证明、遗嘱（如有）'],
  land_contract: ['土地承包合同或经营权证'],
};

/** The list for a case of this category: the general items first, then the category's own. */
export function whatToBring(category: string): string[] {
  return [...WHAT_TO_BRING_ALWAYS, ...(BY_CATEGORY[category] ?? [])];
}
