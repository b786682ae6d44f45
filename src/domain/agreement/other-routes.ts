// When mediation fails (调解不成), the parties are told which other routes remain (People's Mediation Law
// Art. 26: 告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利). Pure data and text.
import type { IsoDate } from '../shared/time';

export type OtherRoute = 'litigation' | 'arbitration' | 'labour_arbitration' | 'administrative' | 'judicial_confirmation';

export const OTHER_ROUTES: readonly OtherRoute[] = ['litigation', 'arbitration', 'labour_arbitration', 'administrative', 'judicial_confirmation'];

export const OTHER_ROUTE_LABEL: Record<OtherRoute, string> = {
  litigation: '向人民法院起诉',
  arbitration: '申请仲裁',
  labour_arbitration: '申请劳动人事争议仲裁',
  administrative: '请求行政机关处理',
  judicial_confirmation: '申请司法确认',
};

/** What the case tells about itself for the explanation. */
export interface RoutesCase {
  category: string;
  agreement?: { form: 'written' | 'oral'; effectiveAt?: string; judicialConfirmationBy?: IsoDate };
}

function routeText(route: OtherRoute, c: RoutesCase): string {
  switch (route) {
    case 'litigation':
      return '可以依法向有管辖权的人民法院提起民事诉讼。';
    case 'arbitration':
      return c.category === 'land_contract'
        ? '可以向农村土地承包仲裁委员会申请仲裁。'
        : '双方订有仲裁协议的，可以向约定的仲裁委员会申请仲裁。';
    case 'labour_arbitration':
      return '可以自知道或者应当知道权利被侵害之日起一年内向劳动人事争议仲裁委员会申请仲裁；对仲裁裁决不服的，可以向人民法院起诉。';
    case 'administrative':
      return c.category === 'traffic'
        ? '可以请求公安机关交通管理部门就损害赔偿进行调解。'
        : c.category === 'medical'
          ? '可以请求卫生健康主管部门处理，或申请医疗损害鉴定。'
          : '可以请求有关行政机关或基层人民政府依法处理。';
    case 'judicial_confirmation': {
      const by = c.agreement?.form === 'written' ? c.agreement.judicialConfirmationBy : undefined;
      return by
        ? `已生效的调解协议，双方可以在${by}前共同向人民法院申请司法确认；经确认后一方拒绝履行的，对方可以申请强制执行。对协议的履行或内容发生争议的，也可以向人民法院提起诉讼。`
        : '对调解协议的履行或内容发生争议的，可以向人民法院提起诉讼。';
    }
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}

/** The routes that fit the case when the mediator does not choose: arbitration first for labour disputes. */
export function suggestedRoutes(c: RoutesCase): OtherRoute[] {
  const routes: OtherRoute[] = [];
  if (c.category === 'labour') routes.push('labour_arbitration');
  else routes.push('litigation');
  if (['contract', 'debt', 'land_contract'].includes(c.category)) routes.push('arbitration');
  if (['traffic', 'medical', 'land_requisition', 'environmental_pollution', 'property'].includes(c.category)) routes.push('administrative');
  if (c.agreement?.effectiveAt) routes.push('judicial_confirmation');
  return routes;
}

/** Why the parties are told of other routes: mediation failed, or never took place (a refusal, no reply). */
export type RoutesLead = 'failed' | 'refused' | 'no_reply';
const LEAD: Record<RoutesLead, string> = {
  failed: '本次调解未能达成协议（或协议未能履行），您还可以通过以下途径解决：',
  refused: '对方不同意调解。人民调解以双方自愿为前提，本案不再调解，您还可以通过以下途径解决：',
  no_reply: '对方在答复期限内没有答复是否同意调解，本案不再调解，您还可以通过以下途径解决：',
};

/** The explanation given to the parties (告知书), one numbered line per route, plus the mediator's own note. */
export function explainRoutes(routes: readonly OtherRoute[], c: RoutesCase, note?: string, lead: RoutesLead = 'failed'): string {
  const unique = [...new Set(routes)];
  const lines = unique.map((r, i) => `${i + 1}. ${OTHER_ROUTE_LABEL[r]}：${routeText(r, c)}`);
  const extra = note?.trim();
  return [LEAD[lead], ...lines, ...(extra ? [extra] : [])].join('\n');
}
