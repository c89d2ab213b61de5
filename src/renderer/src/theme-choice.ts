/** Light, dark, or the system's choice (prefers-color-scheme); kept in localStorage. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'durable-agent:theme';

export function readThemeChoice(): ThemeChoice {
  const stored = window.localStorage.getItem(KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

export function saveThemeChoice(theme: ThemeChoice): void {
  if (theme === 'system') window.localStorage.removeItem(KEY);
  else window.localStorage.setItem(KEY, theme);
}

/** Sets `data-theme` on <html> (CSS follows prefers-color-scheme when it is absent). */
export function applyThemeChoice(theme: ThemeChoice): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
