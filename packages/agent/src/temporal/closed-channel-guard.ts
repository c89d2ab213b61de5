import {
  InterceptingCall,
  type InterceptingListener,
  type Interceptor,
  Metadata,
  status,
} from '@grpc/grpc-js';

/** What an `InterceptingCall` wraps: the next call of the chain (grpc-js does not export its name). */
type NextCallOfChain = ConstructorParameters<typeof InterceptingCall>[0];

/**
 * The SDK's retry interceptor starts a call's next attempt from a timer. When the connection was closed
 * meanwhile (an `Agent` closed while Temporal is down), grpc-js throws "Channel has been shut down" inside
 * that timer: an uncaught exception, and the call never settles. Placed after the retry interceptor, this
 * ends such an attempt as CANCELLED instead, which is not retried: the caller's promise rejects, naming it.
 */
export const closedChannelGuard: Interceptor = (options, nextCall) => {
  try {
    return new InterceptingCall(nextCall(options));
  } catch (error) {
    return new InterceptingCall(cancelledCall(`connection closed: ${(error as Error).message}`));
  }
};

/** A call that, once started, ends at once as CANCELLED with `details`; everything else does nothing. */
function cancelledCall(details: string): NextCallOfChain {
  return {
    start(_metadata: Metadata, listener?: Partial<InterceptingListener>) {
      // As grpc-js's unary call does when a call ends without an answer: no message (null), then the status.
      setImmediate(() => {
        listener?.onReceiveMessage?.(null);
        listener?.onReceiveStatus?.({ code: status.CANCELLED, details, metadata: new Metadata() });
      });
    },
    cancelWithStatus: () => undefined,
    getPeer: () => '',
    sendMessageWithContext: () => undefined,
    sendMessage: () => undefined,
    startRead: () => undefined,
    halfClose: () => undefined,
    getAuthContext: () => null,
  };
}
