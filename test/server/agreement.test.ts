// The mediation agreement through the real bundles: a draft from the category's template, validation shown in
// place, each party confirming the exact version, a revision voiding confirmations, signature and seal putting
// it in force with the 30-day judicial-confirmation notice to both parties, the paper path for marriage,
// adoption and inheritance, and who may do what.
import { demoRuntime, call, rid } from '../helpers/runtime';
import { agreementContent, caseInForce, caseInMediation, caseWithDraft, DIRECTOR, ID_APPLICANT, MEDIATOR, ok, RESIDENT } from '../helpers/case-at';
import { CATEGORY_LABEL } from '../../src/domain/config/categories';
import type { LocalRuntime } from '../../src/local/runtime';
import { outboxNotices } from '../helpers/stored';
import { DEFAULT_CALENDAR, isWorkingDay } from '../../src/domain/calendar/working-days';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const outboxFor = (caseId: string) => outboxNotices(rt).filter((o: any) => o.caseId === caseId);

describe('template', () => {
  it.each(Object.keys(CATEGORY_LABEL))('gives a prefilled draft for %s with what is left to fill in', async (category) => {
    const { caseId } = await caseInMediation(rt, `resp-tpl-${category}`, { amountYuan: 3000 });
    const t = await ok(call(rt, 'agreement', MEDIATOR, 'template', { caseId, category }));
    expect(t.title).toBe(`${CATEGORY_LABEL[category]}调解协议书`);
    // Every party is listed with the names from the case; the template's clauses name them.
    expect(t.content.parties.map((p: any) => [p.partyId, p.name])).toEqual([['p1', '张阿姨'], ['p2', '李先生']]);
    expect(t.content.facts).toContain('漏水');
    expect(JSON.stringify([t.content.disputedMatters, t.content.terms])).toMatch(/张阿姨|李先生/);
    expect(t.content.performance.length).toBeGreaterThan(0);
    // The committee's address is the default place of performance.
    expect(t.content.performance[0].place).toContain('柳岸');
    // Identity numbers and addresses are for the mediator to complete, and the form says so in place.
    expect(t.fields['parties[0].idNumber']).toMatch(/身份号码/);
    expect(t.fields['parties[1].address']).toMatch(/住所/);
  });

  it('a template draft with blanks is refused with each problem in place', async () => {
    const { caseId } = await caseInMediation(rt, 'resp-tpl-blank');
    const t = await ok(call(rt, 'agreement', MEDIATOR, 'template', { caseId }));
    const r = await call(rt, 'agreement', MEDIATOR, 'draft', { caseId, content: t.content }, rid());
    expect(r).toMatchObject({ ok: false, code: 'AGREEMENT_INVALID' });
    if (r.ok) return;
    expect(r.message).toMatch(/调解协议还有\d+处需要完善/);
    expect(r.fields).toMatchObject({
      'parties[0].idNumber': expect.stringMatching(/身份号码有误/),
      'parties[0].address': expect.stringMatching(/住所/),
      disputedMatters: expect.stringMatching(/尚未填写/),
    });
    // Nothing was written: the case is still in mediation.
    const view = await ok(call(rt, 'case', MEDIATOR, 'get', { caseId }));
    expect(view.status).toBe('in_mediation');
    expect(view.agreement).toBeUndefined();
  });
});

describe('validation before the parties see it', () => {
  it.each([
    ['the place of performance', (c: any) => ({ ...c, performance: [{ ...c.performance[0], place: '' }] }), 'performance[0].place', /履行地点/],
    ['a due date in the past', (c: any) => ({ ...c, performance: [{ ...c.performance[0], dueDate: '2020-01-01' }] }), 'performance[0].dueDate', /早于今天/],
    ['the main facts', (c: any) => ({ ...c, facts: ' ' }), 'facts', /主要事实/],
    ['a valid ID number', (c: any) => ({ ...c, parties: [c.parties[0], { ...c.parties[1], idNumber: '320106198512030411' }] }), 'parties[1].idNumber', /身份号码有误/],
    ['every party', (c: any) => ({ ...c, parties: [c.parties[0]] }), 'parties', /全部当事人/],
  ])('requires %s', async (_what, change, field, message) => {
    const { caseId } = await caseInMediation(rt, `resp-val-${field.replace(/[^a-z0-9]/gi, '')}-${Math.random().toString(36).slice(2, 6)}`);
    const r = await call(rt, 'agreement', MEDIATOR, 'draft', { caseId, content: change(agreementContent()) }, rid());
    expect(r).toMatchObject({ ok: false, code: 'AGREEMENT_INVALID' });
    if (!r.ok) expect(r.fields?.[field]).toMatch(message);
    // The parties were told nothing.
    expect(outboxFor(caseId).filter((o: any) => o.phrase === '待确认协议')).toEqual([]);
  });
});

describe('confirming one exact version', () => {
  it('both parties read the same text and hash, and each confirms it', async () => {
    const { caseId, hash, respondent } = await caseWithDraft(rt, 'resp-confirm');
    // Both parties are told it is ready (no names or text in the notice).
    const ready = outboxFor(caseId).filter((o: any) => o.phrase === '待确认协议');
    expect(ready.map((o: any) => o.touser).sort()).toEqual([RESIDENT, respondent].sort());
    expect(JSON.stringify(ready)).not.toMatch(/张阿姨|李先生|漏水/);

    const mine = await ok(call(rt, 'agreement', RESIDENT, 'get', { caseId }));
    const theirs = await ok(call(rt, 'agreement', respondent, 'get', { caseId }));
    expect(mine.hash).toBe(hash);
    expect(theirs.hash).toBe(hash);
    expect(mine.content).toEqual(theirs.content);
    expect(mine).toMatchObject({ myTurn: true, myPartyId: 'p1', version: 1, paperOnly: false, signed: false, sealed: false });
    // Identity numbers are never kept in plaintext: masked in the text, sealed beside the case.
    expect(mine.content.parties[0].idNumber).toBe('110105********002X');
    const stored = JSON.stringify(rt.db.dump('cases').find((d: any) => d._id === caseId));
    expect(stored).not.toContain(ID_APPLICANT);
    expect(JSON.stringify(rt.db.dump('audit'))).not.toContain(ID_APPLICANT);

    const first = await ok(call(rt, 'agreement', RESIDENT, 'confirm', { caseId, hash }, rid()));
    expect(first.status).toBe('agreement_pending');
    const again = await call(rt, 'agreement', RESIDENT, 'confirm', { caseId, hash }, rid());
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_CONFIRMED' });
    const after = await ok(call(rt, 'agreement', RESIDENT, 'get', { caseId }));
    expect(after.myTurn).toBe(false);
    expect(after.awaiting.map((a: any) => a.partyId)).toEqual(['p2']);

    await ok(call(rt, 'agreement', respondent, 'confirm', { caseId, hash }, rid()));
    const view = await ok(call(rt, 'case', MEDIATOR, 'get', { caseId }));
    expect(view.agreement).toMatchObject({ form: 'written', version: 1, confirmedBy: ['张阿姨', '李先生'], awaiting: [], signed: false });
  });

  it('a stale hash is refused with a message that the text changed', async () => {
    const { caseId, respondent } = await caseWithDraft(rt, 'resp-stale');
    const r = await call(rt, 'agreement', respondent, 'confirm', { caseId, hash: 'a'.repeat(64) }, rid());
    expect(r).toMatchObject({ ok: false, code: 'AGREEMENT_VERSION_CHANGED', message: expect.stringMatching(/已修改/) });
  });

  it('a revision voids every earlier confirmation and the signature, and the parties are told', async () => {
    const { caseId, hash, respondent } = await caseWithDraft(rt, 'resp-revise');
    await ok(call(rt, 'agreement', RESIDENT, 'confirm', { caseId, hash }, rid()));
    await ok(call(rt, 'agreement', MEDIATOR, 'sign', { caseId, hash }, rid()));
    const before = await ok(call(rt, 'agreement', MEDIATOR, 'get', { caseId }));
    // The masked numbers sent back keep the numbers on file.
    const content = { ...before.content, terms: ['李先生赔偿张阿姨维修费3200元，分两期支付。'] };
    const noReason = await call(rt, 'agreement', MEDIATOR, 'revise', { caseId, content }, rid());
    expect(noReason).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const revised = await ok(call(rt, 'agreement', MEDIATOR, 'revise', { caseId, content, reason: '双方同意将维修费调整为3200元' }, rid()));
    expect(revised.agreement.version).toBe(2);
    expect(revised.agreement.hash).not.toBe(hash);

    const now = await ok(call(rt, 'agreement', RESIDENT, 'get', { caseId }));
    expect(now).toMatchObject({ version: 2, myTurn: true, signed: false });
    expect(now.content.parties[0].idNumber).toBe('110105********002X');
    expect(now.confirmations).toEqual([]);
    expect(now.awaiting.map((a: any) => a.partyId)).toEqual(['p1', 'p2']);
    // Confirming the old version is refused; the new one works.
    expect(await call(rt, 'agreement', respondent, 'confirm', { caseId, hash }, rid())).toMatchObject({ ok: false, code: 'AGREEMENT_VERSION_CHANGED' });
    await ok(call(rt, 'agreement', respondent, 'confirm', { caseId, hash: revised.agreement.hash }, rid()));
    const notices = outboxFor(caseId).filter((o: any) => o.phrase === '待确认协议' && /已作废/.test(o.message));
    expect(notices.map((o: any) => o.touser).sort()).toEqual([RESIDENT, respondent].sort());
    // The timeline keeps the reason.
    const view = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    expect(view.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ label: '调解协议已修改', reason: '双方同意将维修费调整为3200元' })]));
  });
});

describe('in force', () => {
  it('the seal before every confirmation and the signature is refused', async () => {
    const { caseId, hash } = await caseWithDraft(rt, 'resp-early');
    await ok(call(rt, 'agreement', RESIDENT, 'confirm', { caseId, hash }, rid()));
    const early = await call(rt, 'agreement', DIRECTOR, 'seal', { caseId, hash }, rid());
    expect(early).toMatchObject({ ok: false, code: 'SEAL_TOO_EARLY', message: expect.stringContaining('李先生') });
  });

  it('signed and sealed: in force, performance begins, both parties get the 30-day judicial-confirmation notice', async () => {
    const { caseId, respondent } = await caseInForce(rt, 'resp-force');
    const a = await ok(call(rt, 'agreement', respondent, 'get', { caseId }));
    expect(a).toMatchObject({ status: 'performing', signed: true, sealed: true, myTurn: false });
    // 30 days from the China date it took effect; a period ending on a rest day (a weekend, New Year's Day) ends on
    // the next working day (民事诉讼法 Art. 85), so the run's date decides which.
    const effectiveDay = new Date(Date.parse(a.effectiveAt) + 8 * 3600_000);
    let expected = new Date(Date.UTC(effectiveDay.getUTCFullYear(), effectiveDay.getUTCMonth(), effectiveDay.getUTCDate() + 30)).toISOString().slice(0, 10);
    while (!isWorkingDay(DEFAULT_CALENDAR, expected)) expected = new Date(Date.parse(expected) + 86_400_000).toISOString().slice(0, 10);
    expect(a.judicialConfirmationBy).toBe(expected);
    expect(a.performance.map((i: any) => [i.itemId, i.done, i.obligee])).toEqual([['i1', false, '张阿姨'], ['i2', false, '张阿姨']]);

    const notices = outboxFor(caseId).filter((o: any) => o.phrase === '协议生效');
    expect(notices.map((o: any) => o.touser).sort()).toEqual([RESIDENT, respondent].sort());
    for (const n of notices) expect(n.message).toContain(`30日内（${expected}前）`);
    expect(notices[0].message).toContain('司法确认');
    // The relay delivers it (no personal data in it) and files it in both parties' inboxes.
    const relayed = (await rt.fireTimer('timer', 'relay', new Date())).result as any;
    expect(relayed.ok).toBe(true);
    for (const who of [RESIDENT, respondent]) {
      const inbox = await ok(call(rt, 'user', who, 'inbox', {}));
      expect(inbox.items.find((i: any) => i.caseId === caseId && i.phrase === '协议生效')?.message).toContain(`${expected}前`);
    }

    // The case view shows the agreement and what is due next: the first instalment.
    const view = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    expect(view.agreement).toMatchObject({ sealed: true, judicialConfirmationBy: expected });
    expect(view.performance).toHaveLength(2);
    expect(view.performance[0]).toMatchObject({ itemId: 'i1', amountYuan: 1500, done: false, iAmObligee: true });
    expect(view.next.label).toMatch(/履行/);
  });

  it('only the director of the committee seals; the signature is the case mediator\'s', async () => {
    const { caseId, hash, respondent } = await caseWithDraft(rt, 'resp-who-seal');
    await ok(call(rt, 'agreement', RESIDENT, 'confirm', { caseId, hash }, rid()));
    await ok(call(rt, 'agreement', respondent, 'confirm', { caseId, hash }, rid()));
    expect(await call(rt, 'agreement', DIRECTOR, 'sign', { caseId, hash }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await ok(call(rt, 'agreement', MEDIATOR, 'sign', { caseId, hash }, rid()));
    expect(await call(rt, 'agreement', MEDIATOR, 'seal', { caseId, hash }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // The street centre's director is above the committee but the seal is the committee's.
    expect(await call(rt, 'agreement', 'demo-street-director', 'seal', { caseId, hash }, rid())).toMatchObject({ ok: false, code: 'DIRECTOR_REQUIRED' });
    const outbox = outboxFor(caseId).filter((o: any) => o.phrase === '待盖章');
    expect(outbox.map((o: any) => o.touser)).toEqual(['org:liuan-committee']);
  });
});

describe('marriage, adoption and inheritance: paper only', () => {
  it.each(['marriage', 'adoption', 'inheritance'])('%s: online confirmation refused; the scan of the signed paper is accepted', async (category) => {
    const { caseId, hash, respondent } = await caseWithDraft(rt, `resp-paper-${category}`, { category });
    const a = await ok(call(rt, 'agreement', RESIDENT, 'get', { caseId }));
    expect(a).toMatchObject({ paperOnly: true, myTurn: false });
    expect(outboxFor(caseId).find((o: any) => o.phrase === '待确认协议' && o.touser === RESIDENT)?.message).toMatch(/当面阅读并签字/);

    const online = await call(rt, 'agreement', RESIDENT, 'confirm', { caseId, hash }, rid());
    expect(online).toMatchObject({ ok: false, code: 'PAPER_SIGNATURE_REQUIRED', message: expect.stringMatching(/不能在线确认/) });

    // A scan that was never uploaded (under the path issued for it) is refused.
    const issued = await ok(call(rt, 'agreement', MEDIATOR, 'scanPath', { caseId, partyId: 'p1' }, rid()));
    const missing = await call(rt, 'agreement', MEDIATOR, 'uploadScan', { caseId, partyId: 'p1', hash, fileId: `cloud://local-env.local/${issued.prefix}nope.jpg` }, rid());
    expect(missing).toMatchObject({ ok: false, code: 'SCAN_NOT_FOUND' });
    // A party cannot record a paper confirmation.
    expect(await call(rt, 'agreement', respondent, 'uploadScan', { caseId, partyId: 'p2', hash, fileId: 'cloud://local-env.local/x.jpg' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    for (const partyId of ['p1', 'p2']) {
      const where = await ok(call(rt, 'agreement', MEDIATOR, 'scanPath', { caseId, partyId }, rid()));
      const up = await rt.storage.api().uploadFile({ cloudPath: where.cloudPath, fileContent: Buffer.from('signed scan') });
      await ok(call(rt, 'agreement', MEDIATOR, 'uploadScan', { caseId, partyId, hash, fileId: up.fileID }, rid()));
    }
    await ok(call(rt, 'agreement', MEDIATOR, 'sign', { caseId, hash }, rid()));
    const sealed = await ok(call(rt, 'agreement', DIRECTOR, 'seal', { caseId, hash }, rid()));
    expect(sealed.status).toBe('performing');
    const after = await ok(call(rt, 'agreement', MEDIATOR, 'get', { caseId }));
    expect(after.confirmations.map((c: any) => [c.partyId, c.method, c.hasScan])).toEqual([['p1', 'paper', true], ['p2', 'paper', true]]);
  });
});

describe('oral agreement (Art. 28; MoJ 2002 Art. 34)', () => {
  it('the mediator records a dispute settled on the spot with every party saying they need no written agreement: in force at once', async () => {
    const { caseId, respondent } = await caseInMediation(rt, 'resp-oral');
    const terms = ['李先生当面向张阿姨道歉，双方和好。'];
    // The parties' statement is required by the API.
    const unstated = await call(rt, 'agreement', MEDIATOR, 'oral', { caseId, content: { terms } }, rid());
    expect(unstated).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', fields: { partiesChoseOral: expect.stringContaining('无需制作调解协议书') } });
    // One party asking for a written agreement makes it written.
    const onlyOne = await call(rt, 'agreement', MEDIATOR, 'oral', { caseId, content: { terms }, partiesChoseOral: true, statedByPartyIds: ['p1'] }, rid());
    expect(onlyOne).toMatchObject({ ok: false, code: 'ORAL_CHOICE_REQUIRED' });
    const stated = { partiesChoseOral: true, statedByPartyIds: ['p1', 'p2'] };
    expect(await call(rt, 'agreement', respondent, 'oral', { caseId, content: { terms }, ...stated }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    const r = await ok(call(rt, 'agreement', MEDIATOR, 'oral', { caseId, content: { terms }, ...stated }, rid()));
    expect(r.status).toBe('performing');
    const a = await ok(call(rt, 'agreement', RESIDENT, 'get', { caseId }));
    expect(a).toMatchObject({ form: 'oral', title: '口头协议记录', signed: false, performance: [], oralChoice: { statedBy: ['张阿姨', '李先生'] } });
    expect(a.judicialConfirmationBy).toBeUndefined();
    expect(outboxFor(caseId).filter((o: any) => o.phrase === '协议生效').map((o: any) => o.touser).sort()).toEqual([RESIDENT, respondent].sort());
  });

  it('refuses the oral form when something is to be performed, telling the mediator to draft a written agreement', async () => {
    const { caseId } = await caseInMediation(rt, 'resp-oral-pay');
    const r = await call(rt, 'agreement', MEDIATOR, 'oral', {
      caseId,
      content: { terms: ['李先生赔偿张阿姨1500元'], performance: [agreementContent().performance[0]] },
      partiesChoseOral: true,
      statedByPartyIds: ['p1', 'p2'],
    }, rid());
    expect(r).toMatchObject({ ok: false, code: 'ORAL_NOT_ALLOWED', message: expect.stringContaining('请起草调解协议') });
    expect((await ok(call(rt, 'case', MEDIATOR, 'get', { caseId }))).status).toBe('in_mediation');
  });
});

describe('who may do what', () => {
  it('strangers learn nothing (NOT_FOUND); the wrong role is FORBIDDEN', async () => {
    const { caseId, hash, respondent } = await caseWithDraft(rt, 'resp-authz');
    const stranger = 'someone-else';
    for (const [action, data] of [
      ['get', { caseId }],
      ['template', { caseId }],
    ] as const) {
      expect(await call(rt, 'agreement', stranger, action, data)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    for (const [action, data] of [
      ['confirm', { caseId, hash }],
      ['draft', { caseId, content: agreementContent() }],
      ['revise', { caseId, content: agreementContent(), reason: '修改条款内容' }],
      ['sign', { caseId, hash }],
      ['seal', { caseId, hash }],
      ['uploadScan', { caseId, partyId: 'p1', hash, fileId: 'cloud://local-env.local/a.jpg' }],
      ['markDone', { caseId, itemId: 'i1' }],
      ['returnVisit', { caseId, result: 'performed', notes: '已回访' }],
      ['rate', { caseId, score: 5 }],
      ['close', { caseId, outcome: 'failed', reason: '双方分歧较大' }],
    ] as const) {
      expect([action, await call(rt, 'agreement', stranger, action, data, rid())]).toEqual([action, expect.objectContaining({ ok: false, code: 'NOT_FOUND' })]);
    }
    // Parties cannot draft, sign, seal or close; staff cannot confirm as a party; the supervisor only reads.
    for (const [who, action, data] of [
      [respondent, 'draft', { caseId, content: agreementContent() }],
      [RESIDENT, 'sign', { caseId, hash }],
      [RESIDENT, 'seal', { caseId, hash }],
      [respondent, 'close', { caseId, outcome: 'failed', reason: '我不想调了' }],
      [MEDIATOR, 'confirm', { caseId, hash }],
      [DIRECTOR, 'rate', { caseId, score: 5 }],
      [RESIDENT, 'template', { caseId }],
    ] as const) {
      expect([who, action, await call(rt, 'agreement', who, action, data, rid())]).toEqual([who, action, expect.objectContaining({ ok: false, code: 'FORBIDDEN' })]);
    }
    expect(await call(rt, 'agreement', 'demo-supervisor', 'get', { caseId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a replayed request answers as the first time and changes nothing', async () => {
    const { caseId, hash } = await caseWithDraft(rt, 'resp-replay');
    const id = rid();
    const first = await ok(call(rt, 'agreement', RESIDENT, 'confirm', { caseId, hash }, id));
    const second = await ok(call(rt, 'agreement', RESIDENT, 'confirm', { caseId, hash }, id));
    expect(second).toEqual(first);
    const a = await ok(call(rt, 'agreement', RESIDENT, 'get', { caseId }));
    expect(a.confirmations).toHaveLength(1);
  });
});
