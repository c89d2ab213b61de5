import os from 'node:os';
import path from 'node:path';

/** The product name: the data folder matches the desktop app's (`app.getPath('userData')`). */
export const PRODUCT_NAME = 'Durable Agent';

/** The platform's app-data folder for the app, like Electron's `userData`. */
export function appDataFolder(
  environment: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(environment.APPDATA || path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return path.join(environment.XDG_CONFIG_HOME || path.join(home, '.config'), PRODUCT_NAME);
  }
}
