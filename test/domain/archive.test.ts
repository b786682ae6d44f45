// The electronic case file's pure rules: the archive number, the keep-until date (China dates, leap days), and the
// table of contents a closed case gets.
import { archiveContents, archiveNumber, archiveYear, keepUntil } from '../../src/domain/case/archive';
import type { ClosedCase } from '../../src/domain/case/model';

describe('archive number and retention', () => {
  it('numbers per organisation and year, four digits at least', () => {
    expect(archiveNumber('liuan-committee', 2026, 7)).toBe('LIUAN-COMMITTEE-2026-0007');
    expect(archiveNumber('liuan-committee', 2026, 12345)).toBe('LIUAN-COMMITTEE-2026-12345');
  });

  it('the year and the keep-until date are China dates: a case closed late on 31 December UTC is filed in the next year', () => {
    const c = { closedAt: '2026-12-31T17:00:00.000Z' } as ClosedCase;
    expect(archiveYear(c)).toBe(2027);
    expect(keepUntil(c.closedAt, 10)).toBe('2037-01-01');
  });

  it('a file closed on 29 February is kept to 28 February of a year without one', () => {
    expect(keepUntil('2028-02-29T02:00:00.000Z', 10)).toBe('2038-02-28');
    expect(keepUntil('2028-02-29T02:00:00.000Z', 4)).toBe('2032-02-29');
  });
});

describe('table of contents', () => {
  const base = {
    registeredAt: '2026-03-01T02:00:00.000Z',
    acceptedAt: '2026-03-02T02:00:00.000Z',
    sessions: [{ heldAt: '2026-03-05T02:00:00.000Z' }, { heldAt: '2026-03-09T02:00:00.000Z' }],
    returnVisits: [],
    agreement: {
      form: 'written',
      effectiveAt: '2026-03-10T02:00:00.000Z',
      confirmations: [
        { partyId: 'p1', method: 'paper', scanFileId: 'cloud://env/scans/p1.jpg', at: '2026-03-09T08:00:00.000Z' },
        { partyId: 'p2', method: 'electronic', at: '2026-03-09T09:00:00.000Z' },
      ],
    },
  } as unknown as ClosedCase;

  it('lists the documents in filing order, then evidence, then signed papers, numbered from 1', () => {
    const items = archiveContents(base, { evidenceFileIds: ['cloud://env/evidence/a.jpg'], transferredAt: '2026-03-01T06:00:00.000Z' });
    expect(items.map((i) => [i.seq, i.title, i.date, i.extent])).toEqual([
      [1, '转办通知书', '2026-03-01', '1份'],
      [2, '权利义务告知书', '2026-03-02', '1份'],
      [3, '调查与调解笔录', '2026-03-05', '2次记录'],
      [4, '人民调解协议书', '2026-03-10', '1份'],
      [5, '证据材料', '2026-03-01', '电子文件 a.jpg'],
      [6, '调解协议书签字件', '2026-03-09', '电子文件 p1.jpg'],
    ]);
    expect(items[5]).toMatchObject({ kind: 'scan', partyId: 'p1', fileId: 'cloud://env/scans/p1.jpg' });
  });

  it('a written agreement not yet in force is not listed', () => {
    const c = { ...base, agreement: { ...(base.agreement as object), effectiveAt: undefined } } as unknown as ClosedCase;
    expect(archiveContents(c, { evidenceFileIds: [] }).map((i) => i.title)).not.toContain('人民调解协议书');
  });
});
