/** Prompts the offline demo model answers in an interesting way (see the Scenario guide for more). */
export const promptSuggestions = [
  { title: 'Say hello', prompt: 'Hello from remote agent!' },
  {
    title: 'A long answer to interrupt',
    prompt: 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.',
  },
  { title: 'Use a tool', prompt: 'What is 12 * (3 + 4)?' },
  { title: 'Ask the time', prompt: 'What time is it?' },
] as const;
