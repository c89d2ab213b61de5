/** The seed scenarios' prompts (the offline demo model answers them as the seed shows). */
export const HELLO = 'Hello from remote agent!';
export const HELLO_AGAIN = 'Hello again!';
export const STILL_WORKING = 'Still working?';
export const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
export const FIRST_DESTINATION = 'What was the first destination in that plan?';

export const SHORT_TIMEOUT_MS = 20_000;
