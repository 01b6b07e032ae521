import { z } from 'zod';

/** IETF health-check response format (draft-inadarei-api-health-check), as Switchboard fills it. */
export const CHECK_STATUSES = ['pass', 'warn', 'fail'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const CheckResultSchema = z.object({
  componentId: z.string().optional(),
  componentType: z.string().optional(),
  status: z.enum(CHECK_STATUSES),
  observedValue: z.unknown().optional(),
  observedUnit: z.string().optional(),
  time: z.string(),
  output: z.string().optional(),
  /** scheduler:lag only: when the next refresh is due (ISO time). */
  nextRefreshAt: z.string().nullable().optional(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const HealthDocumentSchema = z.object({
  status: z.enum(CHECK_STATUSES),
  version: z.string(),
  releaseId: z.string(),
  description: z.string(),
  time: z.string(),
  checks: z.record(z.string(), z.array(CheckResultSchema)),
});
export type HealthDocument = z.infer<typeof HealthDocumentSchema>;

const RANK: Record<CheckStatus, number> = { pass: 0, warn: 1, fail: 2 };

export function worst(statuses: Iterable<CheckStatus>): CheckStatus {
  let result: CheckStatus = 'pass';
  for (const status of statuses) if (RANK[status] > RANK[result]) result = status;
  return result;
}
