// 申请调解: placeholder until the flow lands; it keeps app.json valid and shows the page frame.
import { largeTextBehavior } from '../../../../behaviors/large-text';

Component({
  behaviors: [largeTextBehavior],
  methods: {
    onLoad() {},
  },
});
