// 人员变动记录: who was given or lost a role at the director's organisation, when, and on whose word — the
// organisation's tamper-evident staff chain (org.staffAudit) — and whether it verifies. The chain also holds the
// expert pool's changes and phone reads (at the district centre, which keeps the pool) and the revisions and
// withdrawals of the organisation's typical cases: each kind is worded as what it is, the expert named from the
// pool, the typical case by its title. Roles loaded from the deployment file are not in it (that file is their
// record), so the page says so when the chain is empty.
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { orgApi } from '../../../../services/index';
import type { StaffAuditLine } from '../../../../services/types';
import { formatTime } from '../../../../utils/format';

interface Row {
  seq: number;
  title: string;
  description: string;
  removed: boolean;
}

/** Who made the change, by name ('主任' when the account has none: every change but joining is a director's). */
const actor = (e: StaffAuditLine) => e.actorName ?? '主任';

/**
 * Each kind of entry in words: what changed, about whom or what — a person by name, an expert by the pool's name, a
 * typical case by its title (it is no person) — and on whose word. `registered`: the first time the chain saves
 * this expert (an expert_saved entry is either the registration or a later change, the entry does not say which).
 */
function rowOf(e: StaffAuditLine, registered: boolean): Row {
  const when = formatTime(e.at);
  const person = e.subjectName ?? '工作人员';
  const expert = e.subjectName ?? '专家';
  const typical = e.typicalTitle ? `：“${e.typicalTitle}”` : '';
  const row = (title: string, by: string, removed = false): Row => ({ seq: e.seq, title, description: `${when} · ${by}`, removed });
  switch (e.type) {
    case 'role_granted':
      return row(`加入：${person} · ${e.roleLabel}`, e.grantedByName ? `凭${e.grantedByName}发放的邀请码加入` : '凭邀请码加入');
    case 'role_removed':
      return row(`移除：${person} · ${e.roleLabel}`, `由${actor(e)}移除`, true);
    case 'expert_saved':
      return registered ? row(`登记入专家库：${expert}`, `由${actor(e)}登记`) : row(`修改专家信息：${expert}`, `由${actor(e)}修改`);
    case 'expert_contact_revealed':
      return row(`查看专家电话：${expert}`, `由${actor(e)}查看完整号码`);
    case 'typical_revised':
      return row(`修改典型案例${typical}`, `由${actor(e)}修改`);
    case 'typical_withdrawn':
      return row(`撤回典型案例${typical}`, `由${actor(e)}撤回`);
  }
}

/** The entries in words, in the chain's order (oldest first). */
export function rowsOf(entries: readonly StaffAuditLine[]): Row[] {
  const saved = new Set<string>();
  return entries.map((e) => {
    const key = e.subject ?? '';
    const registered = e.type === 'expert_saved' && !saved.has(key);
    if (e.type === 'expert_saved' && key) saved.add(key);
    return rowOf(e, registered);
  });
}

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  data: {
    verified: false,
    problem: '',
    rows: [] as Row[],
  },
  async load(grant) {
    const chain = await this.runLoad(() => orgApi.staffAudit({ orgId: grant.orgId }), { isEmpty: (c) => c.entries.length === 0 });
    if (!chain) return;
    // Newest first: the change a director looks for is usually the latest.
    this.setData({ verified: chain.verified, problem: chain.problemText ?? '', rows: rowsOf(chain.entries).reverse() });
  },
});
