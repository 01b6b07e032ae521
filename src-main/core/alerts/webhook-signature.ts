import { createHmac } from 'node:crypto';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe's scheme, keyed by the whole secret. */
export const SIGNATURE_HEADER = 'Switchboard-Signature';
/** 1 for the first try, 2 for the first retry, …: informational, not covered by the signature. */
export const ATTEMPT_HEADER = 'Switchboard-Attempt';

export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** The headers one attempt carries; no signature header when no secret was made. */
export function signatureHeaders(
  secret: string | null,
  body: string,
  unixSeconds: number,
  attempt: number,
): Record<string, string> {
  const headers: Record<string, string> = { [ATTEMPT_HEADER]: String(attempt) };
  if (secret !== null) headers[SIGNATURE_HEADER] = signWebhook(secret, body, unixSeconds);
  return headers;
}
