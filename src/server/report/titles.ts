// The titles of the documents a case produces, as printed on them (and offered on the phone).
export type DocumentKind = 'transfer_notice' | 'rights_notice' | 'session_record' | 'agreement' | 'return_visit' | 'judicial_application' | 'referral_feedback';

export const DOCUMENT_TITLE: Record<DocumentKind, string> = {
  transfer_notice: '调解案件转办通知书',
  rights_notice: '人民调解权利义务告知书',
  session_record: '人民调解笔录',
  agreement: '人民调解协议书',
  return_visit: '人民调解回访记录',
  judicial_application: '司法确认申请书',
  referral_feedback: '调解情况反馈函',
};
