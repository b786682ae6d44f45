// 人员变动记录: who was given or lost a role at the director's organisation, when, and on whose word — the
// organisation's tamper-evident staff chain (org.staffAudit) — and whether it verifies. Roles loaded from the
// deployment file are not in it (that file is their record), so the page says so when the chain is empty.
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

const CHANGE: Record<StaffAuditLine['type'], string> = {
  role_granted: '加入',
  role_removed: '移除',
  expert_saved: '专家库登记',
  expert_contact_revealed: '查看专家电话',
  typical_revised: '修改典型案例',
  typical_withdrawn: '撤回典型案例',
};

/** "王主任发放的邀请码" / "由王主任移除": on whose word the change was made. */
function byWhom(e: StaffAuditLine): string {
  if (e.type === 'role_granted') return e.grantedByName ? `凭${e.grantedByName}发放的邀请码加入` : '凭邀请码加入';
  return `由${e.actorName ?? '主任'}移除`;
}

function rowOf(e: StaffAuditLine): Row {
  // A typical case revised or withdrawn: what changed is the case, who did it the director.
  if (e.type === 'typical_revised' || e.type === 'typical_withdrawn') {
    return { seq: e.seq, title: CHANGE[e.type], description: `${formatTime(e.at)} · 由${e.actorName ?? '主任'}${e.type === 'typical_revised' ? '修改' : '撤回'}`, removed: false };
  }
  return {
    seq: e.seq,
    title: `${CHANGE[e.type]}：${e.subjectName ?? '工作人员'} · ${e.roleLabel}`,
    description: `${formatTime(e.at)} · ${byWhom(e)}`,
    removed: e.type === 'role_removed',
  };
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
    this.setData({ verified: chain.verified, problem: chain.problemText ?? '', rows: chain.entries.map(rowOf).reverse() });
  },
});
