// Staff roles as people read them. Roles are granted only by a director's single-use invitation code, never
// claimed by the client.
import type { StaffRole } from './org.types';

export const STAFF_ROLE_LABEL: Record<StaffRole, string> = {
  director: '调委会主任',
  mediator: '调解员',
  intake: '窗口工作人员',
  officer: '信息员',
  supervisor: '督导人员',
  expert: '特邀调解专家',
};
