import { z } from 'zod';

/** What a tool key may do: hand out access tokens, or call platforms through the proxy. */
export const TOOL_RIGHTS = ['token', 'proxy'] as const;
export type ToolRight = (typeof TOOL_RIGHTS)[number];

/** The prefix every tool key starts with, so a leaked one is recognisable (secret scanners). */
export const TOOL_KEY_PREFIX = 'sbk_';

const ToolNameSchema = z
  .string()
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, 'Give the tool a name.')
      .max(64, 'Use at most 64 characters.')
      // Names become /metrics label values and audit details: keep them printable and plain.
      .regex(/^[\p{L}\p{N} ._\-()/:@+]+$/u, 'Use letters, digits, spaces and . _ - ( ) / : @ +'),
  );

/** Every account, or a list of account ids. */
export const ToolAccountsSchema = z.union([
  z.literal('all'),
  z.array(z.string().min(1).max(64)).min(1, 'Choose at least one account.').max(500),
]);

export const CreateToolInputSchema = z.strictObject({
  name: ToolNameSchema,
  accounts: ToolAccountsSchema,
  rights: z
    .array(z.enum(TOOL_RIGHTS))
    .min(1, 'Choose what the key may do.')
    .transform((rights) => [...new Set(rights)]),
});
export type CreateToolInput = z.input<typeof CreateToolInputSchema>;

/** A tool key as Settings lists it: never the key itself. */
export const ToolSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key, enough to tell two keys apart. */
  hint: z.string(),
  accounts: ToolAccountsSchema,
  rights: z.array(z.enum(TOOL_RIGHTS)),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ToolSummary = z.infer<typeof ToolSummarySchema>;

/** The answer to tools.create: the only time the key itself is ever shown. */
export const CreatedToolSchema = z.strictObject({
  key: z.string().startsWith(TOOL_KEY_PREFIX),
  tool: ToolSummarySchema,
});
export type CreatedTool = z.infer<typeof CreatedToolSchema>;

/** `minValiditySeconds` of a token request: the default and the ceiling (every platform's tokens live at least an hour). */
export const DEFAULT_MIN_VALIDITY_SECONDS = 300;
export const MAX_MIN_VALIDITY_SECONDS = 1_800;
