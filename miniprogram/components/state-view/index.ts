// Shows what a page has instead of its content: a spinner, an "empty" note, or an error with 重试.
// Pair it with the page kit (kit/page.ts): <state-view state="{{loadState}}" message="{{loadError}}" bind:retry="reload" />
Component({
  // The `empty` slot is a named slot: without multipleSlots WeChat drops what a page puts in it (我的案件's 我要调解).
  options: { multipleSlots: true },
  properties: {
    state: { type: String, value: 'loading' },
    message: { type: String, value: '' },
    emptyText: { type: String, value: '暂无内容' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
