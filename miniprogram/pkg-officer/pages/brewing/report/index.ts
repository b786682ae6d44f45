// 上报苗头纠纷: an officer reports a dispute that is brewing (苗头性纠纷) before anyone files it — where, what
// kind, how risky in plain words, what they saw and how many people are involved (report.reportBrewing). The
// director of their committee checks it and may turn it into a case; the officer follows it on the workbench.
import { FILING_CATEGORIES, RISK_LABEL, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { orgApi, reportApi, type InputOfMethod } from '../../../../services/index';
import { categoryChoices } from '../../../../utils/filing-categories';
import type { BrewingReceipt, DirectoryView } from '../../../../services/types';

type BrewingInput = InputOfMethod<typeof reportApi.reportBrewing>;
type Risk = BrewingInput['risk'];

/** Each level in the words an officer on the street would use. */
const RISK_HINT: Record<Risk, string> = {
  low: '一般口角、小摩擦，双方还能沟通',
  medium: '矛盾较深或反复发生，可能激化',
  high: '有人扬言动手、伤害自己，或有多人聚集',
};
const RISKS = (Object.keys(RISK_HINT) as Risk[]).map((value) => ({ value, label: RISK_LABEL[value], hint: RISK_HINT[value] }));

interface Form {
  communityId: string;
  category: string;
  risk: '' | Risk;
  description: string;
  peopleInvolved: string;
}
const FORM: Form = { communityId: '', category: '', risk: '', description: '', peopleInvolved: '' };
type ChoiceField = 'communityId' | 'category' | 'risk';

/**
 * The communities an officer covers: their committee's, or a centre's street (named alone); all, with their
 * street, when the directory says neither (an officer of the district centre, say).
 */
function communitiesOf(dir: DirectoryView, orgId: string): Array<{ id: string; name: string }> {
  const own = dir.communities.filter((c) => c.committeeOrgId === orgId || c.streetOrgId === orgId);
  if (own.length) return own.map((c) => ({ id: c.id, name: c.name }));
  return dir.communities.map((c) => ({ id: c.id, name: `${c.streetName} ${c.name}` }));
}

function check(f: Form): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.communityId) e.communityId = '请选择发生在哪个社区（村）';
  if (!f.category) e.category = '请选择纠纷类型';
  if (!f.risk) e.risk = '请选择风险等级';
  if (f.description.trim().length < 5) e.description = '请至少用五个字说明看到的情况';
  const people = f.peopleInvolved.trim();
  if (people && !(Number.isInteger(Number(people)) && Number(people) >= 1 && Number(people) <= 100000)) e.peopleInvolved = '请填写人数，不清楚可不填';
  return e;
}

definePage({
  role: { roles: ['officer'], name: STAFF_ROLE_LABEL.officer },
  data: {
    communities: [] as Array<{ id: string; name: string }>,
    /** The categories this deployment offers (`org.directory`'s `filing.categories`; the shipped ones until it loads). */
    categories: FILING_CATEGORIES as ReadonlyArray<{ value: string; label: string }>,
    risks: RISKS,
    form: { ...FORM },
    done: null as BrewingReceipt | null,
  },
  async load(grant) {
    const dir = await this.runLoad(() => orgApi.directory({}), { isEmpty: (d) => d.communities.length === 0 });
    if (dir) this.setData({ communities: communitiesOf(dir, grant.orgId), categories: categoryChoices(dir.filing) });
  },
  methods: {
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { field?: ChoiceField; value?: string }>) {
      const { field, value } = e.currentTarget.dataset;
      if (!field || !value) return;
      const known =
        (field === 'communityId' && this.data.communities.some((c) => c.id === value)) ||
        (field === 'category' && this.data.categories.some((c) => c.value === value)) ||
        (field === 'risk' && RISKS.some((r) => r.value === value));
      if (known) this.setData({ [`form.${field}`]: value, [`errors.${field}`]: '' });
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: 'description' | 'peopleInvolved' }>) {
      const field = e.currentTarget.dataset.field;
      if (field) this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },
    async onSubmit() {
      const { form: f, grant } = this.data;
      if (!grant) return;
      const errors = check(f);
      if (Object.keys(errors).length || !f.risk) {
        this.setData({ errors });
        return;
      }
      const people = f.peopleInvolved.trim();
      const input: BrewingInput = {
        orgId: grant.orgId,
        communityId: f.communityId,
        category: f.category,
        risk: f.risk,
        description: f.description.trim(),
        ...(people ? { peopleInvolved: Number(people) } : {}),
      };
      const done = await this.submit(reportApi.reportBrewing, input, { reload: false, fields: ['communityId', 'category', 'risk', 'description', 'peopleInvolved'] });
      if (done) this.setData({ done });
    },
    onAnother() {
      this.setData({ done: null, form: { ...FORM }, errors: {} });
    },
    onBack() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
