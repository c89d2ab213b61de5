import { ApiError } from '../shared/api-error';
import { isAppPageUrl } from './navigation-policy';

/** What an IPC event says about its sender (a subset of `IpcMainInvokeEvent`). */
export interface SenderEvent {
  readonly sender: { readonly id: number };
  /** Null once the frame navigated away or was destroyed. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface TrustedSenders {
  /** `webContents.id`s of the windows the app created. */
  readonly webContentsIds: ReadonlySet<number>;
  /** Origins of the app's own pages. */
  readonly appOrigins: readonly string[];
}

/**
 * Why a sender is refused, or undefined when it is a top-level page of the app's own origin in a
 * window the app created.
 */
export function senderProblem(event: SenderEvent, trusted: TrustedSenders): string | undefined {
  if (!trusted.webContentsIds.has(event.sender.id)) return 'it did not come from a window of this app';
  const frame = event.senderFrame;
  if (!frame) return 'its frame is gone';
  if (frame.parent) return 'it came from a sub-frame';
  if (!isAppPageUrl(frame.url, trusted.appOrigins))
    return `it came from a page that is not the app's (${frame.url})`;
  return undefined;
}

/** Throws `unauthorized` unless the sender is one of the app's own pages. */
export function validateSender(event: SenderEvent, trusted: TrustedSenders): void {
  const problem = senderProblem(event, trusted);
  if (problem) throw new ApiError('unauthorized', `request refused: ${problem}`);
}
