// The filing wizard's later steps, as a resident with an ordinary dispute answers them: a few people involved, the
// other side where they said, nobody handled it yet, no danger, no evidence or times, privacy agreed, the choice on
// sharing with other organisations made — then 提交. The pages' own edge cases are tested in resident-apply.
import { tap, type RenderedComponent } from './simulate';

export async function finishWizard(wizard: RenderedComponent, share: 'yes' | 'no', beforeSubmit?: () => void): Promise<void> {
  await tap(wizard, '#next');
  await tap(wizard, '#people-few');
  await tap(wizard, '#other-side-same');
  await tap(wizard, '#handled-none');
  await tap(wizard, '#next');
  for (const q of ['riskViolence', 'riskSelfHarm', 'riskCrowd']) await tap(wizard, `#${q}-no`);
  await tap(wizard, '#next');
  await tap(wizard, '#next');
  wizard.instance.onPrivacy({ detail: { value: true } });
  await tap(wizard, `#share-${share}`);
  beforeSubmit?.();
  await tap(wizard, '#submit');
}
