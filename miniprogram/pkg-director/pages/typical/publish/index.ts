// 发布典型案例: a director writes up a closed case for residents to learn from — title, category, what
// happened, how it was mediated, the result (org.publishTypical). Opened from the case's 电子卷宗 (写成典型案例),
// which passes the case; opened from the workbench, it says where to start. No names, phone or identity numbers:
// the server refuses them (the case's parties' names; anything the content check does not pass) with the field
// named, shown in place.
import { FILING_CATEGORIES, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { orgApi } from '../../../../services/index';
import { categoryChoices } from '../../../../utils/filing-categories';
import type { TypicalCase } from '../../../../services/types';

interface Form {
  category: string;
  title: string;
  happened: string;
  howMediated: string;
  result: string;
}
const FORM: Form = { category: '', title: '', happened: '', howMediated: '', result: '' };
type TextField = Exclude<keyof Form, 'category'>;
const MIN: Record<TextField, [number, string]> = { title: [5, '标题'], happened: [20, '纠纷经过'], howMediated: [20, '调解过程'], result: [10, '调解结果'] };

function check(f: Form): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.category) e.category = '请选择纠纷类型';
  for (const [field, [min, label]] of Object.entries(MIN) as Array<[TextField, [number, string]]>) {
    if (f[field].trim().length < min) e[field] = `请填写${label}（至少 ${min} 个字）`;
  }
  return e;
}

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  data: {
    categories: FILING_CATEGORIES as ReadonlyArray<{ value: string; label: string }>,
    form: { ...FORM },
    done: null as TypicalCase | null,
    /** The closed case written up, and its number as the 电子卷宗 showed it. */
    caseId: '',
    caseNo: '',
  },
  onLoad(query) {
    this.setData({ caseId: query.caseId ?? '', caseNo: query.caseNo ?? '' });
  },
  async load() {
    const dir = await this.runLoad(() => orgApi.directory({}), { isEmpty: () => false });
    if (dir) this.setData({ categories: categoryChoices(dir.filing) });
  },
  methods: {
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const value = e.currentTarget.dataset.value;
      if (value && this.data.categories.some((c) => c.value === value)) this.setData({ 'form.category': value, 'errors.category': '' });
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: TextField }>) {
      const field = e.currentTarget.dataset.field;
      if (field) this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },
    async onSubmit() {
      const { form: f, grant, caseId } = this.data;
      if (!grant || !caseId) return;
      const errors = check(f);
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      const done = await this.submit(
        orgApi.publishTypical,
        { orgId: grant.orgId, caseId, category: f.category, title: f.title.trim(), happened: f.happened.trim(), howMediated: f.howMediated.trim(), result: f.result.trim() },
        { reload: false, done: '已发布', fields: ['caseId', 'category', 'title', 'happened', 'howMediated', 'result'] },
      );
      if (done) this.setData({ done });
    },
    onAnother() {
      this.setData({ done: null, form: { ...FORM }, errors: {} });
    },
  },
});
