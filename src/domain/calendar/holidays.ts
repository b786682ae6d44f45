import type { IsoDate } from '../shared/time';

/**
 * One year of China's official public-holiday schedule (法定节假日安排), as published each autumn by the
 * General Office of the State Council (国务院办公厅关于 YYYY 年部分节假日安排的通知).
 * `holidays` are inclusive date ranges of days off (they include the weekend days inside each break);
 * `makeUpWorkdays` are weekend days that become working days (调休上班).
 */
export interface HolidayYear {
  year: number;
  source: string;
  holidays: Array<{ name: string; from: IsoDate; to: IsoDate }>;
  makeUpWorkdays: IsoDate[];
  /**
   * Set while the State Council's notice for the year is not yet out: the data holds only the statutory days
   * off fixed by law, with no make-up working days. Replace it with the published notice.
   */
  provisional?: boolean;
}

/** 国办发明电〔2025〕 — 国务院办公厅关于2026年部分节假日安排的通知 (published 2025-11-04). */
export const HOLIDAYS_2026: HolidayYear = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
  holidays: [
    { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
    { name: '春节', from: '2026-02-15', to: '2026-02-23' },
    { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
    { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
    { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
    { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
  ],
  makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/**
 * 2027, provisional: the statutory days off fixed by 《全国年节及纪念日放假办法》 (as revised in 2024, in force
 * from 2025) — 元旦 1 day, 春节 4 days (除夕 to 初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3 — on 2027's
 * lunar and solar-term dates (春节 初一 2027-02-06, 清明 2027-04-05, 端午 2027-06-09, 中秋 2027-09-15).
 * The State Council's notice adds bridging days and weekend make-up working days (调休); until it is loaded,
 * deadlines that cross a 2027 holiday may land a day or two early, never on a statutory day off.
 */
export const HOLIDAYS_2027_STATUTORY: HolidayYear = {
  year: 2027,
  source: '《全国年节及纪念日放假办法》法定假日（2027年放假调休安排公布前的暂用数据）',
  provisional: true,
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-01' },
    { name: '春节', from: '2027-02-05', to: '2027-02-08' },
    { name: '清明节', from: '2027-04-05', to: '2027-04-05' },
    { name: '劳动节', from: '2027-05-01', to: '2027-05-02' },
    { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
    { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-03' },
  ],
  makeUpWorkdays: [],
};

/**
 * The years shipped with the code. Add the next year here (or load it through the deployment config)
 * as soon as the State Council publishes it; years not listed fall back to Monday–Friday.
 */
export const OFFICIAL_HOLIDAYS: HolidayYear[] = [HOLIDAYS_2026, HOLIDAYS_2027_STATUTORY];
