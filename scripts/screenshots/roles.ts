// The roles the screens are grouped by (the report, screenshots/<role>/ and the README's contact sheets).
export type Role = 'resident' | 'respondent' | 'mediator' | 'director' | 'intake' | 'officer' | 'supervisor';

export const ROLES: Array<{ role: Role; title: string }> = [
  { role: 'resident', title: '申请人（居民）' },
  { role: 'respondent', title: '被申请人' },
  { role: 'mediator', title: '调解员' },
  { role: 'director', title: '调委会主任' },
  { role: 'intake', title: '窗口工作人员' },
  { role: 'officer', title: '信息员' },
  { role: 'supervisor', title: '司法所（督导）' },
];
