// The dispute categories people pick from (short names for small screens). Codes are the server's category
// codes (src/domain/config/categories.ts); a test keeps them in step. Used by the filing wizard and by intake.
export const CATEGORIES: Array<{ value: string; label: string }> = [
  { value: 'neighbourhood', label: '邻里纠纷' },
  { value: 'family', label: '婚姻家庭' },
  { value: 'support', label: '赡养抚养' },
  { value: 'inheritance', label: '继承' },
  { value: 'debt', label: '债务' },
  { value: 'contract', label: '合同' },
  { value: 'damages', label: '损害赔偿' },
  { value: 'labour', label: '劳动争议' },
  { value: 'traffic', label: '交通事故' },
  { value: 'medical', label: '医疗纠纷' },
  { value: 'property', label: '物业纠纷' },
  { value: 'land_contract', label: '土地承包' },
  { value: 'other', label: '其他' },
];
