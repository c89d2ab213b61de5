import { SUMMARY_REQUEST, SUMMARY_SO_FAR, TURNS_TO_ADD } from '../../common/compaction-prompt';
import { introducedName } from './name-memory';
import { type ScriptedReply, textReply } from './scripted-reply';

/** Counts a previous demo summary carried: `… 12 messages, 3 tool results.` */
const countsPattern = /(\d+) messages, (\d+) tool results/;

/**
 * The demo model's answer to a summarisation request (see `summaryRequest`): a short deterministic summary
 * that counts the turns (with the summary so far), keeps the name the user introduced and quotes the latest
 * request, so a model reading only the summary still knows them.
 */
export function summaryReply(prompt: string): ScriptedReply | undefined {
  if (!prompt.startsWith(SUMMARY_REQUEST)) return undefined;
  const turnsAt = prompt.indexOf(`\n${TURNS_TO_ADD}\n`);
  const soFarAt = prompt.indexOf(`\n${SUMMARY_SO_FAR}\n`);
  const previous = soFarAt >= 0 && soFarAt < turnsAt ? prompt.slice(soFarAt, turnsAt) : '';
  const turns = turnsAt >= 0 ? prompt.slice(turnsAt + TURNS_TO_ADD.length + 2).split('\n') : [];
  const counts = countsPattern.exec(previous);
  const messages = Number(counts?.[1] ?? 0) + turns.filter((line) => line.startsWith('[')).length;
  const toolResults = Number(counts?.[2] ?? 0) + turns.filter((line) => line.startsWith('[tool ')).length;
  const userTurns = turns.filter((line) => line.startsWith('[user] ')).map((line) => line.slice(7));
  const name = [previous, ...userTurns].map(introducedName).findLast((found) => found !== undefined);
  const latest = userTurns.at(-1) ?? /The latest request was: "([^"]*)"/.exec(previous)?.[1];
  return textReply(
    [
      `Summary of earlier turns: ${messages} messages, ${toolResults} tool results.`,
      ...(name === undefined ? [] : [`The user said: My name is ${name}.`]),
      ...(latest === undefined ? [] : [`The latest request was: "${excerpt(latest)}".`]),
    ].join(' '),
  );
}

function excerpt(text: string): string {
  const flat = text.replace(/["\s]+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}
