import { type Session, session } from 'electron';
import { createAppProtocolHandler } from './app-protocol-handler';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from './app-scheme';
import { contentSecurityPolicy } from './content-security-policy';
import type { Log } from './log';
import { originOf } from './navigation-policy';
import { guardSession } from './secure-session';

export interface AppSecurity {
  readonly session: Session;
  /** The page the window loads. */
  readonly entryUrl: string;
  /** Origins of the app's own pages: IPC senders, navigation and requests are checked against them. */
  readonly appOrigins: readonly string[];
}

/**
 * The app's pages on `app://durable-agent` (the built renderer, with the CSP header), or the dev
 * server in development; the session refuses remote requests and permissions.
 */
export function setupSecurity(input: {
  readonly rendererDir: string;
  /** `electron-vite dev`'s renderer URL; never used by a packaged app. */
  readonly devServerUrl: string | undefined;
  readonly log: Log;
}): AppSecurity {
  const { devServerUrl, log } = input;
  const appSession = session.defaultSession;
  const policy = contentSecurityPolicy(devServerUrl ? { devServerUrl } : {});
  const entryUrl = devServerUrl ?? APP_ENTRY_URL;
  appSession.protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ rendererDir: input.rendererDir, contentSecurityPolicy: policy, entryUrl }),
  );
  const devOrigin = devServerUrl ? originOf(devServerUrl) : undefined;
  const appOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];
  const devSocket = devServerUrl ? originOf(devServerUrl.replace(/^http/, 'ws')) : undefined;
  guardSession(appSession, {
    appOrigins,
    ...(devSocket ? { extraRequestOrigins: [devSocket] } : {}),
    contentSecurityPolicy: policy,
    log,
  });
  return { session: appSession, entryUrl, appOrigins };
}
