// A brewing-dispute report (苗头性纠纷) in a line, as the officer's and the director's pages both show it.
import type { BrewingItem } from '../services/types';
import { formatTime } from './format';

/** "5月6日 16:20上报 · 约12人". */
export function reportedText(r: Pick<BrewingItem, 'at' | 'peopleInvolved'>): string {
  return `${formatTime(r.at)}上报${r.peopleInvolved ? ` · 约${r.peopleInvolved}人` : ''}`;
}
