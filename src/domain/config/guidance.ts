/**
 * Legal guidance (普法) per dispute category: a few plain sentences a resident reads after choosing a category
 * and on their case page — what the law says about this kind of dispute, the ways to resolve it, and the 12348
 * public legal service hotline. A deployment may replace any of them (the deployment file's
 * `categories.guidance`, checked by checkCategories); a category it adds without guidance gets `GENERAL_GUIDANCE`.
 */
export const LEGAL_AID_HOTLINE = '12348';

const HOTLINE = `需要法律咨询或法律援助，可拨打${LEGAL_AID_HOTLINE}公共法律服务热线。`;

export const GENERAL_GUIDANCE = `人民调解遵循自愿、平等、合法的原则，不收费，也不影响您通过仲裁、行政、诉讼等途径维护权利（《人民调解法》第三条）。调解达成的协议具有法律约束力。${HOTLINE}`;

export const LEGAL_GUIDANCE: Record<string, string> = {
  neighbourhood: `邻里之间应当按照有利生产、方便生活、团结互助、公平合理的原则处理通行、采光、排水等相邻关系（《民法典》第二百八十八条）。给对方造成损失的，应当赔偿。${HOTLINE}`,
  family: `家庭成员应当敬老爱幼、互相帮助，维护平等、和睦、文明的婚姻家庭关系（《民法典》第一千零四十三条）。家庭矛盾可以先由调解组织帮助沟通。${HOTLINE}`,
  marriage: `夫妻一方要求离婚的，可以由有关组织进行调解，也可以直接向人民法院起诉（《民法典》第一千零七十九条）。涉及离婚、财产分割的协议须本人当面签字。${HOTLINE}`,
  adoption: `收养应当向县级以上人民政府民政部门登记，收养关系自登记之日起成立（《民法典》第一千一百零五条）。涉及收养关系的协议须本人当面签字。${HOTLINE}`,
  inheritance: `继承人应当本着互谅互让、和睦团结的精神协商处理继承问题；协商不成的，可以由人民调解委员会调解或者向人民法院起诉（《民法典》第一千一百三十二条）。继承协议须本人当面签字。${HOTLINE}`,
  support: `父母对未成年子女负有抚养义务，成年子女对父母负有赡养、扶助和保护的义务（《民法典》第一千零六十七条）。赡养人不得以放弃继承权等理由拒绝赡养（《老年人权益保障法》第十九条）。${HOTLINE}`,
  debt: `借款人应当按照约定的期限返还借款（《民法典》第六百七十五条）。向法院请求保护的诉讼时效一般为三年（《民法典》第一百八十八条），请保留好借条、转账记录等证据。${HOTLINE}`,
  contract: `当事人应当按照约定全面履行合同义务（《民法典》第五百零九条）；不履行或者履行不符合约定的，应当承担继续履行、采取补救措施或者赔偿损失等违约责任（第五百七十七条）。${HOTLINE}`,
  damages: `因过错侵害他人民事权益造成损害的，应当承担侵权责任（《民法典》第一千一百六十五条）。人身损害的赔偿包括医疗费、护理费、交通费、误工费等（第一千一百七十九条），请保留好票据。${HOTLINE}`,
  labour: `劳动争议可以协商，也可以向调解组织申请调解；不愿调解或者调解不成的，可以申请劳动争议仲裁（《劳动争议调解仲裁法》第五条）。申请仲裁的时效期间为一年（第二十七条）。${HOTLINE}`,
  traffic: `对交通事故损害赔偿的争议，当事人可以请求公安机关交通管理部门调解，也可以直接向人民法院提起民事诉讼（《道路交通安全法》第七十四条）。请保留事故认定书和医疗票据。${HOTLINE}`,
  medical: `发生医疗纠纷，医患双方可以自愿协商、申请人民调解或者行政调解，也可以向人民法院起诉（《医疗纠纷预防和处理条例》第二十二条）。病历资料可以依法复制、封存。${HOTLINE}`,
  property: `业主应当按照约定向物业服务人支付物业费（《民法典》第九百四十四条）；物业服务人应当按照约定维修、养护、管理共有部分，维护小区秩序（第九百四十二条）。${HOTLINE}`,
  land_contract: `土地承包经营纠纷可以协商，也可以请求村民委员会、乡（镇）人民政府等调解；协商、调解不成的，可以申请农村土地承包仲裁或者直接向人民法院起诉（《农村土地承包法》第五十五条）。${HOTLINE}`,
  land_requisition: `征收土地应当依法公告、听取意见并给予公平、合理的补偿（《土地管理法》第四十七条、第四十八条）。对补偿安置有异议的，可以依法申请行政复议或者提起行政诉讼。${HOTLINE}`,
  environmental_pollution: `因污染环境、破坏生态造成他人损害的，侵权人应当承担侵权责任（《民法典》第一千二百二十九条）。污染者应当就其行为与损害之间不存在因果关系承担举证责任（第一千二百三十条）。${HOTLINE}`,
  other: GENERAL_GUIDANCE,
};
