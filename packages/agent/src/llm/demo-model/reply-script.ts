import { findArithmetic, formatNumber } from './arithmetic';
import { attachedFileReply } from './chat-attachments';
import { type ChatRequest, lastUserText } from './chat-request';
import { codeExample } from './code-example';
import { countingReply } from './counting';
import { delegationReply, factsReply } from './delegation';
import { fillerCharacters, fillerText } from './filler-text';
import { firstQuestion, firstQuestionReply } from './first-question';
import { instructionsReply } from './instructions-reply';
import { introductionReply, nameQuestion, nameRecallReply } from './name-memory';
import { type ScriptedReply, textReply, toolCallReply } from './scripted-reply';
import { shorterPlanReply } from './shorter-plan';
import { structuredOutputReply } from './structured-output-reply';
import { summaryReply } from './summary-reply';
import { toolResultReply } from './tool-result-reply';
import { travelPlan, travelPlanMarker } from './travel-plan';

/** What a rule looks at: the request, the last user message as sent and in lower case. */
interface ScriptContext {
  readonly request: ChatRequest;
  readonly prompt: string;
  readonly lowered: string;
}

/** One line of the script: a reply when the rule applies, undefined to let the next rule try. */
interface ScriptRule {
  readonly name: string;
  readonly reply: (context: ScriptContext) => ScriptedReply | undefined;
}

/** A rule that answers a fixed text whenever the lower-cased prompt matches `pattern`. */
function fixed(name: string, pattern: RegExp, text: string): ScriptRule {
  return { name, reply: ({ lowered }) => (pattern.test(lowered) ? textReply(text) : undefined) };
}

function offers({ request }: ScriptContext, toolName: string): boolean {
  return request.toolNames.has(toolName);
}

/** `call tool <name> [with <json>]`, or `call <name> with {…}` (any tool, e.g. an MCP server's). */
function toolDirective(context: ScriptContext): ScriptedReply | undefined {
  const prompt = context.prompt.trim();
  const match =
    /\bcall tool\s+([\w.:-]+)(?:\s+with\s+([\s\S]*))?$/i.exec(prompt) ??
    /\bcall\s+([\w.:-]+)\s+with\s+(\{[\s\S]*\})$/i.exec(prompt);
  if (match === null) return undefined;
  const name = match[1] ?? '';
  if (!offers(context, name)) return textReply(`The tool "${name}" is not available.`);
  try {
    return toolCallReply(name, JSON.parse(match[2]?.trim() || '{}'));
  } catch {
    return textReply(`The arguments for "${name}" are not valid JSON.`);
  }
}

function firstDestination({ request }: ScriptContext): ScriptedReply {
  const planGiven = request.messages.some(
    (message) => message.role === 'assistant' && message.content.includes(travelPlanMarker),
  );
  return textReply(
    planGiven
      ? 'The first destination in that plan was Tokyo.'
      : "I don't have context of a previous plan. Could you clarify?",
  );
}

function arithmetic(context: ScriptContext): ScriptedReply | undefined {
  const found = findArithmetic(context.prompt);
  if (found === undefined) return undefined;
  return offers(context, 'calculator')
    ? toolCallReply('calculator', { expression: found.expression })
    : textReply(`${found.expression} = ${formatNumber(found.value)}.`);
}

function currentTime(context: ScriptContext): ScriptedReply | undefined {
  if (!/\b(what time is it|what's the time|current time|time is it now)\b/.test(context.lowered))
    return undefined;
  return offers(context, 'currentTime')
    ? toolCallReply('currentTime', {})
    : textReply('I cannot tell the time without the currentTime tool.');
}

function fallback({ prompt }: ScriptContext): ScriptedReply {
  const echoed = prompt.replace(/\s+/g, ' ').trim().slice(0, 200);
  return textReply(
    `You said: "${echoed}". This is the offline demo model; set OPENAI_BASE_URL to use a real one.`,
  );
}

/** The script, first applicable rule wins. Test directives come first so tests can always reach them. */
const rules: readonly ScriptRule[] = [
  { name: 'summary', reply: ({ prompt }) => summaryReply(prompt) },
  {
    name: 'counting',
    reply: (context) =>
      countingReply(context.lowered, context.request.messages, offers(context, 'calculator')),
  },
  {
    name: 'tool result',
    reply: ({ request }) => {
      const last = request.messages.at(-1);
      return last?.role === 'tool' ? toolResultReply(last, request.messages) : undefined;
    },
  },
  {
    name: 'attached file',
    reply: ({ request, lowered }) =>
      /\bwhat is in the attached file\b/.test(lowered)
        ? textReply(attachedFileReply(request.messages.findLast((m) => m.role === 'user')?.attachments ?? []))
        : undefined,
  },
  { name: 'structured output', reply: ({ request }) => structuredOutputReply(request) },
  { name: 'tool directive', reply: toolDirective },
  { name: 'instructions', reply: ({ request, lowered }) => instructionsReply(request, lowered) },
  {
    name: 'filler',
    reply: ({ lowered }) => {
      const count = /\breply with (\d{1,6}) tokens?\b/.exec(lowered)?.[1];
      return count === undefined ? undefined : textReply(fillerText(Number(count)));
    },
  },
  {
    // A huge answer at speed (filler in 64 KB deltas): what a run must keep, re-read and export.
    name: 'megabytes',
    reply: ({ lowered }) => {
      const megabytes = /\breply with (\d{1,2}(?:\.\d)?) megabytes?\b/.exec(lowered)?.[1];
      if (megabytes === undefined) return undefined;
      return textReply(fillerCharacters(Math.round(Number(megabytes) * 1024 * 1024)), 64 * 1024);
    },
  },
  { name: 'delegation', reply: ({ prompt, request }) => delegationReply(prompt, request.toolNames) },
  { name: 'research facts', reply: ({ prompt }) => factsReply(prompt) },
  fixed('hello again', /^hello again\b/, 'Hello again! How can I help?'),
  fixed('still working', /\bstill (working|there|here|alive)\b/, 'Yes, still here! How can I help?'),
  {
    name: 'first destination',
    reply: (context) =>
      /\bfirst (destination|stop|place)\b/.test(context.lowered) ? firstDestination(context) : undefined,
  },
  {
    name: 'first question',
    reply: ({ request, lowered }) =>
      firstQuestion.test(lowered) ? firstQuestionReply(request.messages) : undefined,
  },
  {
    name: 'name question',
    reply: ({ request, lowered }) =>
      nameQuestion.test(lowered) ? nameRecallReply(request.messages) : undefined,
  },
  { name: 'shorter plan', reply: ({ lowered, request }) => shorterPlanReply(lowered, request.messages) },
  fixed('code example', /\bshow me a code example\b/, codeExample),
  fixed('travel plan', /travel plan|itinerary|day-by-day|day by day/, travelPlan),
  // 10,000 nested lists, then 20,000 nested quotes: what an app must show without freezing.
  fixed('nested markdown', /\bdeeply nested markdown\b/, `${'- '.repeat(10_000)}\n\n${'>'.repeat(20_000)}`),
  { name: 'arithmetic', reply: arithmetic },
  { name: 'current time', reply: currentTime },
  { name: 'name introduction', reply: ({ prompt }) => introductionReply(prompt) },
  fixed(
    'greeting',
    /^(hello|hi|hey|hiya|howdy|greetings|good (morning|afternoon|evening))\b/,
    'Hello! How can I help you today?',
  ),
  { name: 'fallback', reply: fallback },
];

/** Decides the demo model's reply from the last user message (and the history where a rule says so). */
export function decideReply(request: ChatRequest): ScriptedReply {
  const prompt = lastUserText(request.messages);
  const context: ScriptContext = { request, prompt, lowered: prompt.trim().toLowerCase() };
  for (const rule of rules) {
    const reply = rule.reply(context);
    if (reply !== undefined) return reply;
  }
  return fallback(context);
}
