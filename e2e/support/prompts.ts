/** The seed scenarios' prompts, and what the offline demo model answers. */
export const TRAVEL_PLAN = 'Write a detailed day-by-day travel plan for a 7-day trip to Japan.';
export const TRAVEL_PLAN_START = 'Here is a detailed day-by-day travel plan for Japan';
export const TRAVEL_PLAN_END = 'Safe travels!';
export const HELLO = 'Hello from remote agent!';
export const HELLO_ANSWER = 'Hello! How can I help you today?';
export const NO_WORKER_ERROR = 'no worker available: timed out waiting for workers on task queue "agent"';
export const INTRODUCTION = 'My name is Ada.';
export const INTRODUCTION_ANSWER = 'Nice to meet you, Ada!';
export const NAME_QUESTION = 'What is my name?';
export const NAME_ANSWER = 'Your name is Ada.';
/** The demo model answers 10,000 nested lists (`- ` × 10,000) and 20,000 nested quotes (`>` × 20,000). */
export const NESTED_MARKDOWN = 'Show me deeply nested Markdown.';
/** The demo model answers a fenced TypeScript block holding `CODE_EXAMPLE_CODE`. */
export const CODE_EXAMPLE = 'Show me a code example.';
export const CODE_EXAMPLE_CODE = "const greeting = 'Hello, durable world!';\nconsole.log(greeting);";
/** The demo model answers, per attached file, `The file <name> starts with: <its first line>`. */
export const ATTACHED_FILE_QUESTION = 'What is in the attached file?';
