// 典型案例: published mediated disputes, per category (org.typicalCases) — what happened, how it was mediated, the
// result — for residents to see how disputes like theirs were settled. Opened with `?category=` from the case page.
import { FILING_CATEGORIES } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { orgApi } from '../../../../services/index';
import type { TypicalCase } from '../../../../services/types';

definePage({
  data: {
    categories: [{ value: '', label: '全部' }, ...FILING_CATEGORIES] as ReadonlyArray<{ value: string; label: string }>,
    category: '',
    items: [] as TypicalCase[],
  },
  onLoad(query) {
    this.setData({ category: query.category ?? '' });
  },
  async load() {
    const category = this.data.category;
    const list = await this.runLoad(() => orgApi.typicalCases(category ? { category } : {}), { isEmpty: (l) => l.items.length === 0 });
    if (list) this.setData({ items: list.items });
  },
  methods: {
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const value = e.currentTarget.dataset.value ?? '';
      if (value === this.data.category) return;
      this.setData({ category: value });
      void this.reload();
    },
  },
});
