// Page addresses in one place, so a moved page is one edit (and the static test checks them).
export const ROUTES = {
  home: '/pages/home/index/index',
  myCases: '/pages/cases/index/index',
  me: '/pages/me/index/index',
  applyForMediation: '/pkg-resident/pages/dispute/apply/index',
  caseDetail: '/pkg-resident/pages/case/detail/index',
  myData: '/pkg-resident/pages/account/my-data/index',
  respondentInvite: '/pkg-respondent/pages/invite/respond/index',
  mediatorWorkbench: '/pkg-mediator/pages/workbench/index/index',
  directorWorkbench: '/pkg-director/pages/workbench/index/index',
  intakeVisit: '/pkg-intake/pages/visit/register/index',
  supervisorOverview: '/pkg-supervisor/pages/overview/index/index',
} as const;
