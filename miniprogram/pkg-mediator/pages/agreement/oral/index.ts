// 记录口头协议 (mediator): when the parties say they need no written agreement, the mediator records what they
// agreed (People's Mediation Law Art. 28). Only for a dispute with nothing left to perform — an apology, a
// misunderstanding cleared up, a promise to keep the peace: anything to pay, hand over or repair needs a written
// agreement (MoJ 2002 Art. 34) — and only when every party stated it, each named here. The page asks both
// questions before anything is sent; the server's refusals (ORAL_NOT_ALLOWED, ORAL_CHOICE_REQUIRED, missing terms)
// are shown next to the question they answer. Reads `case.get`; writes `agreement.oral`.
import { PARTY_ROLE_LABEL, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { agreementApi, caseApi, messageFor, type Failure } from '../../../../services/index';
import type { CaseView, Status } from '../../../../services/types';
import { ROUTES } from '../../../../utils/routes';

/** Stages from which an oral agreement may be recorded (as a written one may be drafted). */
const ORAL_STAGES: readonly Status[] = ['scheduled', 'in_mediation'];
const ROLE_LABELS: Readonly<Record<string, string>> = PARTY_ROLE_LABEL;

interface PartyChoice {
  partyId: string;
  name: string;
  roleLabel: string;
  stated: boolean;
}

/** Where each refusal is shown: `terms`, `perform` (the question on performance) or `stated` (the parties). */
function placeFailure(failure: Failure): Record<string, string> | undefined {
  if (failure.code === 'ORAL_NOT_ALLOWED') return { perform: messageFor(failure) };
  if (failure.code === 'ORAL_CHOICE_REQUIRED') return { stated: messageFor(failure) };
  const fields = failure.fields ?? {};
  const placed: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    if (/^(content\.)?terms/.test(path)) placed.terms ??= message;
    else if (/^(content\.)?performance/.test(path)) placed.perform ??= message;
    else if (/^(statedByPartyIds|partiesChoseOral)/.test(path)) placed.stated ??= message;
  }
  return Object.keys(placed).length ? placed : undefined;
}

definePage({
  role: { roles: ['mediator'], name: STAFF_ROLE_LABEL.mediator },
  data: {
    caseId: '',
    caseNo: '',
    /** The case is at a stage where an agreement may be reached. */
    open: false,
    statusLabel: '',
    termsText: '',
    /** The answer to 有没有需要履行的事项: '' not answered, 'none', or 'some' (then a written agreement is needed). */
    perform: '' as '' | 'none' | 'some',
    parties: [] as PartyChoice[],
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
    this.setData({
      caseNo: view.caseNo,
      statusLabel: view.statusLabel,
      open: ORAL_STAGES.includes(view.status),
      // Every party still in the case (an applicant who withdrew is no longer asked).
      parties: (view.parties ?? []).filter((p) => !p.withdrawn).map((p) => ({ partyId: p.partyId, name: p.name, roleLabel: ROLE_LABELS[p.role] ?? p.role, stated: false })),
      errors: {},
    });
  },
  methods: {
    onTerms(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ termsText: e.detail.value, 'errors.terms': '' });
    },
    onPerform(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const value = e.currentTarget.dataset.value;
      const perform = value === 'none' || value === 'some' ? value : '';
      // Something to perform: the law asks for a written agreement, said at once, beside the question.
      this.setData({ perform, 'errors.perform': perform === 'some' ? messageFor({ code: 'ORAL_NOT_ALLOWED' }) : '' });
    },
    onToggleParty(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ parties: this.data.parties.map((p) => (p.partyId === id ? { ...p, stated: !p.stated } : p)), 'errors.stated': '' });
    },
    /** 起草书面协议: the written agreement instead. */
    onWritten() {
      wx.redirectTo({ url: `${ROUTES.mediatorAgreement}?id=${encodeURIComponent(this.data.caseId)}` });
    },
    async onSubmit() {
      const { caseId, termsText, perform, parties } = this.data;
      const terms = termsText
        .split('\n')
        .map((t) => t.trim())
        .filter(Boolean);
      const errors: Record<string, string> = {};
      if (terms.length === 0) errors.terms = '请记录当事人达成的协议内容';
      if (!perform) errors.perform = '请回答有没有需要履行的事项';
      if (perform === 'some') errors.perform = messageFor({ code: 'ORAL_NOT_ALLOWED' });
      if (parties.some((p) => !p.stated)) errors.stated = messageFor({ code: 'ORAL_CHOICE_REQUIRED' });
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      const done = await this.submit(
        agreementApi.oral,
        { caseId, content: { terms }, partiesChoseOral: true, statedByPartyIds: parties.map((p) => p.partyId) },
        {
          done: '已记录口头协议',
          reload: false,
          onError: (failure) => {
            const placed = placeFailure(failure);
            if (placed) this.setData({ errors: placed });
            return Boolean(placed);
          },
          reloadOn: ['CONFLICT', 'INVALID_TRANSITION'],
        },
      );
      // Recorded: in force at once; performance (none) and the return visit are on the follow-up page.
      if (done) wx.redirectTo({ url: `${ROUTES.mediatorFollowUp}?id=${encodeURIComponent(caseId)}` });
    },
  },
});
