import type { z } from 'zod';
import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type Result,
} from '../../src-shared/ipc-contract';
import { defaultMessage, isAppError, type ErrorCode } from '../../src-shared/errors';
import type { Logger } from './logger';

export type ChannelHandler<C extends ChannelName> = (
  input: z.output<(typeof channels)[C]['input']>,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

export type Handlers = { [C in ChannelName]: ChannelHandler<C> };

/** Validates, runs and re-validates one call; what both transports hand every request to. */
export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

export function failure(code: ErrorCode, message = defaultMessage(code)): Result<never> {
  return { ok: false, error: { code, message } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
    .join('; ');
}

export function createDispatch(handlers: Handlers, log: Logger): Dispatch {
  return async (channel, input) => {
    if (!isChannelName(channel)) return failure('unknown_channel');
    const spec = channels[channel];
    const parsedInput = spec.input.safeParse(input);
    if (!parsedInput.success) {
      return failure(
        'invalid_input',
        `The request was not in the expected shape: ${describeIssues(parsedInput.error)}`,
      );
    }
    let value: unknown;
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      value = await handler(parsedInput.data);
    } catch (error) {
      if (isAppError(error)) return failure(error.code, error.message);
      log.error(`${channel} failed`, error);
      return failure('internal');
    }
    const parsedOutput = spec.output.safeParse(value);
    if (!parsedOutput.success) {
      log.error(`${channel} answered outside its contract: ${describeIssues(parsedOutput.error)}`);
      return failure('invalid_output');
    }
    return { ok: true, value: parsedOutput.data };
  };
}
