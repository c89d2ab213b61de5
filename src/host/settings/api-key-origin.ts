/**
 * The API key belongs to the origin (scheme, host, port) of the model base URL it was entered for: a key
 * for api.openai.com must never be sent to another host because the base URL was changed. The empty base
 * URL (the offline demo model) is an origin of its own.
 */
export const DEMO_MODEL_ORIGIN = '';

/** `https://api.example.com/v1` → `https://api.example.com`; '' (the demo model) stays ''. */
export function keyOriginOf(baseUrl: string): string {
  if (baseUrl === '') return DEMO_MODEL_ORIGIN;
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl; // not a URL (a hand-edited settings.json): only the very same text matches
  }
}

const nameOf = (origin: string) => (origin === DEMO_MODEL_ORIGIN ? 'the offline demo model' : origin);

/** What the user is told when the key is removed because the base URL moved to another origin. */
export function droppedKeyMessage(from: string, to: string): string {
  return (
    `The API key was entered for ${nameOf(from)}; the model base URL now points to ${nameOf(to)}, ` +
    'so the key was removed and not sent there. Enter the API key for the new address in Settings.'
  );
}
