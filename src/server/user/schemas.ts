// Inputs of the `user` function's actions. The mini-program imports these types only (`import type`).
import { z } from 'zod';
import { redactPersonalNumbers } from '../cases/redact';

export const MeInput = z.strictObject({});

export const SetPreferencesInput = z.strictObject({ largeText: z.boolean() });
export type TSetPreferencesInput = z.infer<typeof SetPreferencesInput>;

export const ExportDataInput = z.strictObject({});
export const RequestDeletionInput = z.strictObject({ reason: z.string().trim().max(200, '说明不超过 200 个字').transform(redactPersonalNumbers).optional() });

export const InboxInput = z.strictObject({
  page: z.number().int().min(0).max(1000).default(0),
  pageSize: z.number().int().min(1).max(50).default(20),
});

export const MarkReadInput = z.union([
  z.strictObject({ ids: z.array(z.string().regex(/^[0-9a-f]{32}$/, '消息编号无效')).min(1).max(50) }),
  z.strictObject({ all: z.literal(true) }),
]);
