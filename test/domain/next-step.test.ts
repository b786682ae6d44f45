// What a party reads as the next step of their case: one plain sentence saying what happens, who does it and by
// when, never a staff word (分流, 转办, 被申请人), and whether it is theirs to do.
import { nextStepForParty, type PartyContext } from '../../src/domain/case/next-step';
import { NEXT_STEP_FOR_PARTY, PARTY_OUTCOME_LABEL, PARTY_STATUS_LABEL } from '../../src/domain/case/labels';
import { TREE, seedAgreementPending, seedAwaitingConsent, seedInMediation, seedPerforming, seedRegistered, seedScheduled } from './fixtures';

const context = (over: Partial<PartyContext> = {}): PartyContext => ({
  extensionAwaitsMe: false,
  extensionPending: false,
  mayRate: false,
  orgName: (id) => TREE.orgs.find((o) => o.id === id)?.name ?? id,
  ...over,
});

describe('the next step a party reads', () => {
  it('before acceptance: the committee decides by a day, in plain words', () => {
    const step = nextStepForParty(seedRegistered(), 'p1', context());
    expect(step).toMatchObject({ step: 'triage', mine: false, text: '桃园社区调委会将在3月3日前决定是否受理' });
  });

  it('the respondent is asked to reply by a day; the applicant is told the other side is considering it', () => {
    const c = seedAwaitingConsent();
    const asked = nextStepForParty(c, 'p2', context());
    expect(asked.mine).toBe(true);
    expect(asked.text).toMatch(/^请您在\d+月\d+日前答复是否同意调解$/);
    const waiting = nextStepForParty(c, 'p1', context());
    expect(waiting.mine).toBe(false);
    expect(waiting.text).toMatch(/^对方正在考虑是否同意调解，最晚\d+月\d+日答复$/);
  });

  it('an extension request waiting on the reader comes first while mediating', () => {
    const c = seedInMediation();
    expect(nextStepForParty(c, 'p1', context({ extensionPending: true, extensionAwaitsMe: true }))).toMatchObject({ step: 'extension_consent', mine: true });
    expect(nextStepForParty(c, 'p1', context({ extensionPending: true }))).toMatchObject({ step: 'extension_consent', mine: false });
    expect(nextStepForParty(c, 'p1', context()).step).toBe('mediation');
  });

  it('a proposed session time waits on the parties who have not confirmed it', () => {
    const c = seedInMediation();
    const at = '2026-03-05T06:30:00.000Z';
    expect(nextStepForParty(c, 'p2', context({ proposedSession: { at, awaitsMe: true } }))).toMatchObject({ step: 'booking_confirm', mine: true, text: '请您确认调解时间：3月5日 14:30' });
    expect(nextStepForParty(c, 'p1', context({ proposedSession: { at, awaitsMe: false } }))).toMatchObject({ mine: false, text: '调解时间3月5日 14:30已提出，正在等对方确认' });
  });

  it('a scheduled session gives its day and time', () => {
    expect(nextStepForParty(seedScheduled(), 'p1', context()).text).toBe('请您在3月5日 10:00参加调解');
  });

  it('the agreement waits for the reader to confirm it, until they have', () => {
    const c = seedAgreementPending();
    expect(nextStepForParty(c, 'p1', context())).toMatchObject({ step: 'agreement_confirm', mine: true });
    expect(nextStepForParty(c, 'p1', context()).text).toMatch(/^请您在\d+月\d+日前阅读并确认调解协议$/);
  });

  it('in performance the one owed an item is asked to say it arrived; a rating comes once nothing is owed', () => {
    const c = seedPerforming();
    if (c.status !== 'performing' || !c.performanceItems.length) throw new Error('fixture has no items');
    const item = c.performanceItems[0];
    expect(nextStepForParty(c, item.obligeePartyId, context())).toMatchObject({ step: 'receive', mine: true, itemId: item.itemId });
    expect(nextStepForParty(c, item.obligorPartyId, context())).toMatchObject({ step: 'perform', mine: true });
    const done = { ...c, performanceItems: c.performanceItems.map((i) => ({ ...i, doneAt: '2026-03-10T02:00:00.000Z' })) };
    expect(nextStepForParty(done, 'p1', context({ mayRate: true }))).toMatchObject({ step: 'rating', mine: true });
    expect(nextStepForParty(done, 'p1', context()).step).toBe('return_visit');
  });

  it('a reader who is not a party (or withdrew) is never told it is theirs to do', () => {
    expect(nextStepForParty(seedAwaitingConsent(), undefined, context()).mine).toBe(false);
  });

  it('no sentence or status a party reads uses a staff term', () => {
    const staffWords = /分流|转办|被申请人|申请人|指定管辖|签收/;
    for (const words of Object.values(NEXT_STEP_FOR_PARTY)) {
      expect(words.others).not.toMatch(staffWords);
      if (words.mine) expect(words.mine).not.toMatch(staffWords);
    }
    for (const label of Object.values(PARTY_STATUS_LABEL)) expect(label).not.toMatch(staffWords);
    for (const bySide of Object.values(PARTY_OUTCOME_LABEL)) for (const label of Object.values(bySide)) expect(label).not.toMatch(staffWords);
  });
});
