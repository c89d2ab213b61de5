/** The part of Electron's `app` the lock needs (a fake in tests). */
export interface LockableApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
}

/**
 * One app per data folder: returns false when another instance holds the lock (this one should quit
 * at once); otherwise a later launch calls `focus` here (show the existing window) and exits.
 */
export function claimSingleInstance(app: LockableApp, focus: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', focus);
  return true;
}
