// A typical case's texts — no names, numbers or anything the content check holds — and a revision of them: the
// publishing and revising inputs of both the role matrix (test/server/role-matrix.test.ts) and the bench
// (scripts/bench/scenarios.ts), kept here once. Plain data, no imports: the bench bundles it as it is.

export const TYPICAL_TEXT = {
  category: 'neighbourhood',
  title: '楼上漏水引发的邻里纠纷',
  happened: '某小区楼上住户卫生间漏水，楼下住户吊顶受损，双方多次协商未果。',
  howMediated: '调解员到现场查看，请双方各自说明情况，讲解相邻关系的法律规定。',
  result: '楼上住户赔偿维修费并修好防水，双方握手言和。',
};

/** The same case revised: its result made precise. */
export const TYPICAL_REVISION = { ...TYPICAL_TEXT, result: '楼上住户赔偿维修费三千元并修好防水，双方握手言和。' };
