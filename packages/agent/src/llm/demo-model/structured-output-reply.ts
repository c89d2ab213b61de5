import { isOutputCorrection } from '../../common/output-correction';
import { type ChatRequest, lastUserText } from './chat-request';
import { type ScriptedReply, textReply } from './scripted-reply';
import { sloppyTravelPlanJson, travelPlanJson } from './travel-plan-json';

const travelPlanPrompt = /travel plan|itinerary|day-by-day|day by day/;

/**
 * With `response_format: { type: 'json_schema' }`, the travel plan as JSON (`{ "days": [{ "day": 1,
 * "city": "Tokyo", … }] }`). A prompt saying `sloppy` gets a wrong first try (the day as a word, no plan),
 * then, after the run sends the validation errors back, the right one. Other prompts: the usual reply.
 */
export function structuredOutputReply(request: ChatRequest): ScriptedReply | undefined {
  if (request.jsonSchema === undefined) return undefined;
  const prompt =
    request.messages.findLast((message) => message.role === 'user' && !isOutputCorrection(message.content))
      ?.content ?? '';
  const lowered = prompt.toLowerCase();
  if (!travelPlanPrompt.test(lowered)) return undefined;
  const corrected = isOutputCorrection(lastUserText(request.messages));
  if (/\bsloppy\b/.test(lowered) && !corrected) return textReply(JSON.stringify(sloppyTravelPlanJson));
  return textReply(JSON.stringify(travelPlanJson, null, 2));
}
