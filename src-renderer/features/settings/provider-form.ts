import { SetCredentialsSchema, type ProviderStatus } from '../../../src-shared/connect';
import type { FixedPortProvider } from '../../../src-shared/platforms';
import { SettingsSchema, type Settings, type SettingsPatch } from '../../../src-shared/settings';
import { portConflict } from '../../../src-shared/settings-ports';
import { issuesByField, type FieldErrors } from '../../field-errors';
import { clientIdProblem, secretProblem } from './credential-shapes';

/** What is typed in one provider's form; null means "unchanged, show the stored value". */
export interface ProviderDraft {
  clientId: string | null;
  /** Write-only: '' keeps the stored secret. */
  secret: string;
  port: string | null;
  graphApiVersion: string | null;
}

export const EMPTY_DRAFT: ProviderDraft = {
  clientId: null,
  secret: '',
  port: null,
  graphApiVersion: null,
};

/** The form's field for a path main names in an invalid_input answer. */
export function fieldOfPath(path: string): keyof ProviderDraft | null {
  if (path === 'clientId') return 'clientId';
  if (path === 'clientSecret') return 'secret';
  if (path.startsWith('redirectPorts')) return 'port';
  if (path === 'graphApiVersion') return 'graphApiVersion';
  return null;
}

export function isFixedPortProvider(id: string, settings: Settings): id is FixedPortProvider {
  return Object.hasOwn(settings.redirectPorts, id);
}

export interface PlannedSave {
  errors: Partial<Record<keyof ProviderDraft, string>>;
  credentials: { clientId: string; clientSecret?: string } | null;
  patch: SettingsPatch | null;
}

const PORT_RULE = 'Use a port from 1024 to 65535.';

/** Checks a draft with the contract's own schemas and works out which calls it needs. */
export function planSave(status: ProviderStatus, settings: Settings, draft: ProviderDraft) {
  const plan: PlannedSave = { errors: {}, credentials: null, patch: null };
  const clientId = draft.clientId ?? status.clientId ?? '';
  if (draft.secret !== '' || clientId.trim() !== (status.clientId ?? '')) {
    const input = {
      provider: status.id,
      clientId,
      ...(draft.secret !== '' ? { clientSecret: draft.secret } : {}),
    };
    const checked = SetCredentialsSchema.safeParse(input);
    if (!checked.success) collect(plan, issuesByField(checked.error));
    // A newly typed id is checked for its platform's shape; a stored one is left as it is.
    const idProblem = draft.clientId === null ? null : clientIdProblem(status.id, clientId);
    const secretIssue = secretProblem(draft.secret, clientId);
    if (idProblem) plan.errors.clientId ??= idProblem;
    if (secretIssue) plan.errors.secret ??= secretIssue;
    if (checked.success && !idProblem && !secretIssue)
      plan.credentials = {
        clientId,
        ...(draft.secret !== '' ? { clientSecret: draft.secret } : {}),
      };
  }
  const patch: SettingsPatch = {};
  if (draft.port !== null && isFixedPortProvider(status.id, settings)) {
    const text = draft.port.trim();
    const port = Number(text);
    const checked = SettingsSchema.shape.redirectPorts.shape[status.id].safeParse(port);
    if (!/^\d+$/.test(text)) plan.errors.port = PORT_RULE;
    else if (!checked.success) plan.errors.port = checked.error.issues[0]?.message ?? PORT_RULE;
    else if (port !== settings.redirectPorts[status.id]) {
      const redirectPorts = { ...settings.redirectPorts, [status.id]: port };
      // The same check main makes, so the clash shows before Save.
      const clash = portConflict({ ...settings, redirectPorts });
      if (clash) plan.errors.port = clash;
      else patch.redirectPorts = redirectPorts;
    }
  }
  if (draft.graphApiVersion !== null) {
    const version = draft.graphApiVersion.trim();
    const checked = SettingsSchema.shape.graphApiVersion.safeParse(version);
    if (!checked.success)
      plan.errors.graphApiVersion = checked.error.issues[0]?.message ?? 'Not a version.';
    else if (version !== settings.graphApiVersion) patch.graphApiVersion = version;
  }
  if (Object.keys(patch).length > 0) plan.patch = patch;
  return plan;
}

/** Puts main's (or a local check's) errors by path onto the form's fields. */
export function collect(plan: Pick<PlannedSave, 'errors'>, fields: FieldErrors): string[] {
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const field = fieldOfPath(path);
    if (field) plan.errors[field] ??= message;
    else unplaced.push(`${path}: ${message}`);
  }
  return unplaced;
}
