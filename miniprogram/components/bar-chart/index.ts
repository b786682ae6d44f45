// A small horizontal bar chart drawn with views (no canvas, no library): one bar per item, its length in
// proportion to the largest value, the value printed beside it. Light enough for any subpackage budget.
interface Item {
  label: string;
  value: number;
}

Component({
  properties: {
    title: { type: String, value: '' },
    items: { type: Array, value: [] as Item[] },
    unit: { type: String, value: '' },
  },
  data: { bars: [] as Array<Item & { width: number }> },
  observers: {
    items(items: Item[]) {
      const max = Math.max(0, ...items.map((i) => i.value));
      this.setData({ bars: items.map((i) => ({ ...i, width: max ? Math.max(2, Math.round((i.value / max) * 100)) : 0 })) });
    },
  },
});
