import { ApiError } from './api-error';
import { type InvokeName, invokeChannels, type ValidInvokeRequest } from './ipc-contract';

/** Whether `name` is a channel of the contract (a payload from outside may name anything). */
export function isInvokeName(name: unknown): name is InvokeName {
  return typeof name === 'string' && Object.hasOwn(invokeChannels, name);
}

/** Validates a request payload against its channel's schema; throws `invalid-request` saying what is wrong. */
export function validateRequest<Name extends InvokeName>(
  name: Name,
  payload: unknown,
): ValidInvokeRequest<Name> {
  const parsed = invokeChannels[name].request.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    throw new ApiError('invalid-request', `invalid ${name} request: ${problems}`);
  }
  return parsed.data as ValidInvokeRequest<Name>;
}
