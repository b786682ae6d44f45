// 延长调解期限 (mediator or director): mediation is concluded within the limit (normally a month, MoJ 2002), which
// may be extended once with every party's consent. The page shows the limit and, while a request waits, who is
// still to consent (each party answers on their own case page, `case.consentExtension`); otherwise it asks for
// the reason and lets staff mark the parties who already agreed in person or by phone. When every party has, the
// limit is extended at once. Reads `case.get`; writes `case.requestExtension`.
import { PARTY_ROLE_LABEL, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { caseApi } from '../../../../services/index';
import type { CaseView, ExtensionResult } from '../../../../services/types';
import { formatTime } from '../../../../utils/format';

const ROLE_LABELS: Readonly<Record<string, string>> = PARTY_ROLE_LABEL;

interface PartyRow {
  partyId: string;
  name: string;
  roleLabel: string;
  /** Marked by staff: agreed in person or by phone. */
  agreed: boolean;
}

type Stage = 'ask' | 'waiting' | 'extended' | 'closed';

definePage({
  role: { roles: ['mediator', 'director'], name: STAFF_ROLE_LABEL.mediator },
  data: {
    caseId: '',
    caseNo: '',
    stage: 'closed' as Stage,
    dueText: '',
    /** While a request waits: its reason, when it was made and who has not answered. */
    request: null as null | { reason: string; at: string; waitingFor: string },
    parties: [] as PartyRow[],
    reason: '',
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  async load() {
    const view = await this.runLoad<CaseView>(() => caseApi.get({ caseId: this.data.caseId }));
    if (!view) return;
    if (view.relation !== 'staff') {
      this.setData({ loadState: 'error', loadError: '您不是本案的承办人员' });
      return;
    }
    const limit = view.mediationLimit;
    const ext = view.extensionRequest;
    const active = (view.parties ?? []).filter((p) => !p.withdrawn);
    const nameOf = (id: string) => active.find((p) => p.partyId === id)?.name ?? id;
    const stage: Stage = !limit ? 'closed' : ext ? 'waiting' : limit.extended ? 'extended' : 'ask';
    this.setData({
      caseNo: view.caseNo,
      stage,
      dueText: limit ? `${formatTime(limit.dueAt)}前` : '',
      request: ext ? { reason: ext.reason, at: formatTime(ext.requestedAt), waitingFor: ext.waitingFor.map(nameOf).join('、') } : null,
      parties: active.map((p) => ({ partyId: p.partyId, name: p.name, roleLabel: ROLE_LABELS[p.role] ?? p.role, agreed: false })),
      reason: '',
      errors: {},
    });
  },
  methods: {
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value, 'errors.reason': '' });
    },
    onToggleParty(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ parties: this.data.parties.map((p) => (p.partyId === id ? { ...p, agreed: !p.agreed } : p)) });
    },
    async onSubmit() {
      const { caseId, reason, parties } = this.data;
      if (reason.trim().length < 2) {
        this.setData({ errors: { reason: '请填写延期理由' } });
        return;
      }
      const agreedInPerson = parties.filter((p) => p.agreed).map((p) => p.partyId);
      await this.submit(
        caseApi.requestExtension,
        { caseId, reason: reason.trim(), agreedInPerson },
        {
          done: (r: ExtensionResult) => (r.extension.status === 'extended' ? '调解期限已延长' : '已请当事人确认延期'),
          fields: (f) => ({ ...(f.reason ? { reason: f.reason } : {}), ...(f.agreedInPerson ? { agreedInPerson: f.agreedInPerson } : {}) }),
          reloadOn: ['CONFLICT', 'EXTENSION_PENDING', 'EXTENSION_ALREADY_USED', 'INVALID_TRANSITION'],
        },
      );
    },
  },
});
