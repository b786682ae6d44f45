// 登记为案件: the director, having checked a brewing-dispute report with the people involved, registers it as a
// case (report.convertReport): the case keeps the officer's description, category, community and risk, is
// recorded as reported by the officer (信息员上报, the officer its first-inquiry person), and needs here what the
// report cannot know — the parties on each side (people or organisations, each with an optional mobile number),
// what they ask for, their agreement to their details being recorded, and their own yes or no to the case being
// passed to another organisation if need be (PIPL Art. 23: nothing is chosen for them). A report is converted once.
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { reportApi, type InputOfMethod } from '../../../../services/index';
import type { BrewingItem, ConvertResult } from '../../../../services/types';
import { reportedText } from '../../../../utils/brewing';
import { ROUTES } from '../../../../utils/routes';
import { formatTime } from '../../../../utils/format';

type ConvertInput = InputOfMethod<typeof reportApi.convertReport>;
type Side = 'applicants' | 'respondents';
type Kind = 'person' | 'organisation';
type PartyField = 'name' | 'mobile' | 'representative';

interface PartyRow {
  key: string;
  kind: Kind;
  name: string;
  mobile: string;
  representative: string;
  /** What is wrong with each field, shown under it. */
  err: Record<PartyField, string>;
}

const NO_ERRORS: Record<PartyField, string> = { name: '', mobile: '', representative: '' };
const MOBILE = /^1[3-9]\d{9}$/;
const SIDES: readonly Side[] = ['applicants', 'respondents'];
const MAX_PER_SIDE = 30;

let keys = 0;
const newParty = (): PartyRow => ({ key: `p${(keys += 1)}`, kind: 'person', name: '', mobile: '', representative: '', err: { ...NO_ERRORS } });

/** The rows with what is wrong in each, checked as the server will. */
function checked(rows: PartyRow[]): PartyRow[] {
  return rows.map((p) => ({
    ...p,
    err: {
      name: p.name.trim() ? '' : p.kind === 'organisation' ? '请填写单位名称' : '请填写姓名',
      mobile: !p.mobile.trim() || MOBILE.test(p.mobile.trim()) ? '' : '请填写 11 位手机号码，没有可不填',
      representative: p.kind === 'organisation' && !p.representative.trim() ? '请填写单位的法定代表人或负责人' : '',
    },
  }));
}
const hasErrors = (rows: PartyRow[]) => rows.some((p) => p.err.name || p.err.mobile || p.err.representative);

function partyInput(p: PartyRow): ConvertInput['applicants'][number] {
  const mobile = p.mobile.trim();
  return {
    kind: p.kind,
    name: p.name.trim(),
    ...(mobile ? { mobile } : {}),
    ...(p.kind === 'organisation' ? { representative: p.representative.trim() } : {}),
  };
}

interface ReportView {
  title: string;
  risk: BrewingItem['risk'];
  riskLabel: string;
  meta: string;
  description: string;
  converted: boolean;
  caseId: string;
}

function reportView(r: BrewingItem): ReportView {
  return {
    title: `${r.communityName} · ${r.categoryLabel}`,
    risk: r.risk,
    riskLabel: r.riskLabel,
    meta: `${r.officerName ?? '信息员'} · ${reportedText(r)}`,
    description: r.description ?? '',
    converted: r.status === 'converted',
    caseId: r.caseId ?? '',
  };
}

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  data: {
    reportId: '',
    report: null as ReportView | null,
    applicants: [newParty()],
    respondents: [newParty()],
    wants: '',
    visitorConsent: false,
    /** Nothing chosen until the parties answer. */
    share: '' as '' | 'yes' | 'no',
    done: null as (ConvertResult & { nextText: string }) | null,
    /** Said when the server answered that the report had already become a case. */
    alreadyConverted: '',
  },
  onLoad(query) {
    this.setData({ reportId: query.id ?? '' });
  },
  async load(grant) {
    const list = await this.runLoad(() => reportApi.brewingReports({ orgId: grant.orgId }), { isEmpty: () => false });
    if (!list) return;
    const found = list.items.find((r) => r.reportId === this.data.reportId);
    if (!found) {
      this.setData({ loadState: 'error', loadError: '没有找到这份报告：它可能不属于本单位及下级', report: null });
      return;
    }
    this.setData({ report: reportView(found) });
  },
  methods: {
    setRows(side: Side, rows: PartyRow[]) {
      this.setData({ [side]: rows, 'errors.parties': '' });
    },
    onPartyKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { side?: Side; index?: number; kind?: Kind }>) {
      const { side, index, kind } = e.currentTarget.dataset;
      if (!side || !SIDES.includes(side) || index === undefined || (kind !== 'person' && kind !== 'organisation')) return;
      this.setRows(side, this.data[side].map((p, i) => (i === Number(index) ? { ...p, kind, err: { ...NO_ERRORS } } : p)));
    },
    onPartyInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { side?: Side; index?: number; field?: PartyField }>) {
      const { side, index, field } = e.currentTarget.dataset;
      if (!side || !SIDES.includes(side) || index === undefined || !field || !(field in NO_ERRORS)) return;
      this.setRows(side, this.data[side].map((p, i) => (i === Number(index) ? { ...p, [field]: e.detail.value, err: { ...p.err, [field]: '' } } : p)));
    },
    onAddParty(e: WechatMiniprogram.BaseEvent<Record<string, never>, { side?: Side }>) {
      const side = e.currentTarget.dataset.side;
      if (!side || !SIDES.includes(side) || this.data[side].length >= MAX_PER_SIDE) return;
      this.setRows(side, [...this.data[side], newParty()]);
    },
    onRemoveParty(e: WechatMiniprogram.BaseEvent<Record<string, never>, { side?: Side; index?: number }>) {
      const { side, index } = e.currentTarget.dataset;
      if (!side || !SIDES.includes(side) || index === undefined || this.data[side].length <= 1) return;
      this.setRows(side, this.data[side].filter((_, i) => i !== Number(index)));
    },
    onWants(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ wants: e.detail.value, 'errors.wants': '' });
    },
    onConsent(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ visitorConsent: !!e.detail.value, 'errors.visitorConsent': '' });
    },
    onShare(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const value = e.currentTarget.dataset.value;
      if (value === 'yes' || value === 'no') this.setData({ share: value, 'errors.shareWithOtherOrgs': '' });
    },
    /** The server's field errors: a party's under that party, the rest in place. */
    placeFields(fields: Record<string, string>): Record<string, string> {
      const rest: Record<string, string> = {};
      const rows = { applicants: [...this.data.applicants], respondents: [...this.data.respondents] };
      for (const [path, message] of Object.entries(fields)) {
        const m = /^(applicants|respondents)\.(\d+)\.(name|mobile|representative)$/.exec(path);
        const row = m ? rows[m[1] as Side][Number(m[2])] : undefined;
        if (m && row) rows[m[1] as Side][Number(m[2])] = { ...row, err: { ...row.err, [m[3]]: message } };
        else if (/^(applicants|respondents)/.test(path)) rest.parties = message;
        else rest[path] = message;
      }
      this.setData(rows);
      // Something placed under a party still needs saying beside the button.
      return Object.keys(rest).length ? rest : { parties: '请按提示修改当事人信息' };
    },
    async onSubmit() {
      const { report, reportId, wants, visitorConsent, share } = this.data;
      if (!report || report.converted) return;
      const applicants = checked(this.data.applicants);
      const respondents = checked(this.data.respondents);
      const errors: Record<string, string> = {};
      if (hasErrors(applicants) || hasErrors(respondents)) errors.parties = '请按提示修改当事人信息';
      if (!visitorConsent) errors.visitorConsent = '请先向当事人说明，并取得其同意';
      if (!share) errors.shareWithOtherOrgs = '请询问当事人是否同意必要时转交其他调解组织办理';
      this.setData({ applicants, respondents, errors });
      if (Object.keys(errors).length || !share) return;
      const input: ConvertInput = {
        reportId,
        applicants: applicants.map(partyInput),
        respondents: respondents.map(partyInput),
        ...(wants.trim() ? { wants: wants.trim() } : {}),
        visitorConsent: true,
        shareWithOtherOrgs: share === 'yes',
      };
      const done = await this.submit(reportApi.convertReport, input, {
        reload: false,
        fields: (f) => this.placeFields(f),
        onError: (failure) => {
          if (failure.code !== 'ALREADY_CONVERTED') return false;
          this.setData({ alreadyConverted: `${failure.message}，不能重复登记。` });
          void this.load();
          return true;
        },
      });
      if (done) this.setData({ done: { ...done, nextText: done.next ? `${done.next.label}：${formatTime(done.next.dueAt)}前` : '' } });
    },
    onOpenCase() {
      const caseId = this.data.done?.caseId || this.data.report?.caseId;
      if (caseId) wx.redirectTo({ url: `${ROUTES.directorTriage}?id=${encodeURIComponent(caseId)}` });
    },
    onBack() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
