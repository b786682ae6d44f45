// The rendering step of `npm run screenshots` (run by run.mjs through jest.config.cjs, never by `npm test`):
// renders this shard's screens to screenshots/html/. SCREENSHOTS_ONLY picks screens by id; the two shards
// let jest use both cores.
import { freezeClock, renderScreen, writeScreen } from './render-screen';
import { selectScreens } from './screens';

export function renderShard(shard: number, of: number): void {
  const screens = selectScreens(process.env.SCREENSHOTS_ONLY)
    .map((screen, index) => ({ screen, index }))
    .filter(({ index }) => index % of === shard);
  beforeAll(freezeClock);
  afterAll(() => jest.useRealTimers());
  if (screens.length === 0) it('has nothing to render in this shard', () => undefined);
  for (const { screen, index } of screens) {
    it(screen.id, async () => {
      writeScreen(await renderScreen(screen, index));
    });
  }
}
