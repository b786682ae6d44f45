// 专家库 (督导): the district's invited expert mediators (特邀调解员 — lawyers, retired judges, engineers, doctors,
// counsellors), read-only, for the justice office that supervises the committees: who is in the pool, in which
// field, and whether each can take part in a mediation. Grouped by field; phone numbers masked as the server answers
// them (`org.experts`); nothing here edits, invites or calls. Withdrawn experts are listed too, marked 已停用.
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { orgApi } from '../../../../services/index';
import type { Expert } from '../../../../services/types';

/** The fields seed 001 names, in that order; any other field follows, and 其他 comes last. */
const FIELD_ORDER = ['法律', '建筑工程', '医疗', '心理', '婚姻家庭'];

interface Row {
  expertId: string;
  name: string;
  note: string;
  state: string;
}
interface Group {
  field: string;
  title: string;
  rows: Row[];
}

function stateOf(e: Expert): string {
  if (!e.active) return '已停用';
  if (!e.joined) return '未加入微信';
  return '可参与调解';
}

const fieldRank = (field: string): number => {
  const i = FIELD_ORDER.indexOf(field);
  if (i >= 0) return i;
  return field === '其他' ? FIELD_ORDER.length + 1 : FIELD_ORDER.length;
};

/** The pool by field (seed order, then others, 其他 last); in each, those who can take part first. */
export function byField(items: readonly Expert[]): Group[] {
  const fields = [...new Set(items.map((e) => e.field))].sort((a, b) => fieldRank(a) - fieldRank(b) || a.localeCompare(b, 'zh'));
  return fields.map((field) => {
    const rows = items
      .filter((e) => e.field === field)
      .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'zh'))
      // Only these fields are ever put on screen, whatever else an answer carries.
      .map((e) => ({ expertId: e.expertId, name: e.name, note: `${e.affiliation} · ${e.mobileMasked}`, state: stateOf(e) }));
    return { field, title: `${field}（${rows.length}人）`, rows };
  });
}

definePage({
  role: { roles: ['supervisor'], name: STAFF_ROLE_LABEL.supervisor },
  data: {
    orgName: '',
    summary: '',
    groups: [] as Group[],
  },
  async load() {
    const data = await this.runLoad(() => orgApi.experts({ includeInactive: true }), { isEmpty: (d) => d.items.length === 0 });
    if (!data) return;
    const ready = data.items.filter((e) => e.active && e.joined).length;
    this.setData({
      orgName: data.orgName,
      summary: `共 ${data.items.length} 位专家，其中 ${ready} 位可参与调解`,
      groups: byField(data.items),
    });
  },
});
