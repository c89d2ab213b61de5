import { InterceptingCall, type Interceptor, Metadata, status } from '@grpc/grpc-js';

/**
 * A gRPC interceptor that lets the first call of `method` (e.g. "StartWorkflowExecution") reach the
 * server and be carried out, then loses its reply: the caller sees UNAVAILABLE, as when the connection
 * drops at the wrong moment. Later calls pass untouched.
 */
export function loseFirstReply(method: string): Interceptor & { readonly lost: () => boolean } {
  let lost = false;
  const interceptor: Interceptor = (options, nextCall) => {
    const call = nextCall(options);
    if (lost || !options.method_definition.path.endsWith(`/${method}`)) return call as InterceptingCall;
    lost = true;
    return new InterceptingCall(call, {
      start(metadata, _listener, next) {
        next(metadata, {
          // The reply is dropped by the status below: grpc-js answers a unary call from its status.
          onReceiveStatus(_status, nextStatus) {
            nextStatus({ code: status.UNAVAILABLE, details: 'the reply was lost', metadata: new Metadata() });
          },
        });
      },
    });
  };
  return Object.assign(interceptor, { lost: () => lost });
}
