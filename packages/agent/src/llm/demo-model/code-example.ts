/** The demo model's answer with a fenced code block (what "Copy code" copies). */
export const CODE_EXAMPLE_CODE = "const greeting = 'Hello, durable world!';\nconsole.log(greeting);";

export const codeExample = `Here is a small TypeScript example:\n\n\`\`\`ts\n${CODE_EXAMPLE_CODE}\n\`\`\`\n\nRun it with Node.`;
