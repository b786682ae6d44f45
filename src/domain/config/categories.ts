/**
 * Dispute categories known out of the box, with their Chinese names. A deployment may add its own
 * category codes in its config; codes are lower_snake strings.
 */
export const CATEGORY_LABEL: Record<string, string> = {
  neighbourhood: '邻里纠纷',
  family: '婚姻家庭纠纷',
  marriage: '婚姻纠纷',
  adoption: '收养纠纷',
  inheritance: '继承纠纷',
  support: '赡养抚养扶养纠纷',
  debt: '债务纠纷',
  contract: '合同纠纷',
  damages: '损害赔偿纠纷',
  labour: '劳动争议',
  traffic: '道路交通事故纠纷',
  medical: '医疗纠纷',
  property: '物业纠纷',
  land_contract: '土地承包经营纠纷',
  land_requisition: '征地拆迁纠纷',
  environmental_pollution: '环境污染纠纷',
  other: '其他纠纷',
};

export function categoryLabel(code: string): string {
  return CATEGORY_LABEL[code] ?? code;
}

/**
 * What a resident picks from when filing, and staff when registering a visit, in this order, with the short
 * names that fit a phone's chip (the full name above goes on records and registers).
 */
export const FILING_CATEGORIES: ReadonlyArray<{ code: string; shortLabel: string }> = [
  { code: 'neighbourhood', shortLabel: '邻里纠纷' },
  { code: 'family', shortLabel: '婚姻家庭' },
  { code: 'marriage', shortLabel: '婚姻（离婚等）' },
  { code: 'adoption', shortLabel: '收养' },
  { code: 'inheritance', shortLabel: '继承' },
  { code: 'support', shortLabel: '赡养抚养' },
  { code: 'debt', shortLabel: '债务' },
  { code: 'contract', shortLabel: '合同' },
  { code: 'damages', shortLabel: '损害赔偿' },
  { code: 'labour', shortLabel: '劳动争议' },
  { code: 'traffic', shortLabel: '交通事故' },
  { code: 'medical', shortLabel: '医疗纠纷' },
  { code: 'property', shortLabel: '物业纠纷' },
  { code: 'land_contract', shortLabel: '土地承包' },
  { code: 'land_requisition', shortLabel: '征地拆迁' },
  { code: 'environmental_pollution', shortLabel: '环境污染' },
  { code: 'other', shortLabel: '其他' },
];
