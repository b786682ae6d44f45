// The org area's collections that more than one of its modules reads: the expert pool (experts.ts) and the
// typical cases (typical-cases.ts), whose entries the staff chain's reader (staff-audit.ts) names. Kept apart so
// that reader needs neither module (both write the chain through it: importing them back would be a cycle).
export const EXPERTS = 'experts';
export const TYPICAL_CASES = 'typical_cases';
