import type { Tool as ServerTool } from '@modelcontextprotocol/client';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { FailureType } from '../common/names';
import type { Tool } from '../tools/define-tool';
import { McpCallError } from './mcp-call-error';
import type { McpConnection } from './mcp-connection';
import { resultText } from './mcp-result';
import { toToolInfo } from './mcp-tool-info';

/**
 * Attempts of a call whose server could not be reached, or died during a call of a tool it marks
 * idempotent or read-only; then the model is told, and the run goes on. A tool that may have side effects
 * is not called again after its server died during the call: it may have done its work already. (A worker
 * killed during a call is retried by Temporal as any tool call is.)
 */
export const MCP_CALL_ATTEMPTS = 3;

/** A tool of an MCP server, as a worker tool. */
export interface McpTool extends Tool {
  /** Where the tool lives; Temporal's UI shows its calls as `<server>.<tool>`. */
  readonly mcp: { readonly server: string; readonly tool: string };
}

const validators = new AjvJsonSchemaValidator();

/** Makes `serverTool` of `connection` a worker tool: validated arguments, MCP annotations, durable calls. */
export function toWorkerTool(connection: McpConnection, serverTool: ServerTool): McpTool {
  const info = toToolInfo(connection.name, serverTool);
  const { $schema: _ignored, ...jsonSchema } = serverTool.inputSchema as Record<string, unknown>;
  return {
    name: info.name,
    description: info.description,
    parameters: argumentsSchema(jsonSchema),
    jsonSchema,
    requiresApproval: info.requiresApproval,
    mcp: { server: connection.name, tool: serverTool.name },
    execute: async (args, context) => {
      let result: Awaited<ReturnType<McpConnection['callTool']>>;
      try {
        result = await connection.callTool(serverTool.name, args as Record<string, unknown>, {
          signal: context.signal,
          onProgress: context.heartbeat,
        });
      } catch (error) {
        if (context.signal.aborted || !(error instanceof McpCallError)) throw error;
        const attempt = currentAttempt();
        const repeatable = error.code === 'server-unavailable' || isIdempotent(serverTool);
        if (error.retryable && repeatable && attempt < MCP_CALL_ATTEMPTS) {
          throw ApplicationFailure.retryable(error.message, FailureType.mcpServerUnavailable);
        }
        const attempts = attempt > 1 ? ` (after ${attempt} attempts)` : '';
        const notRepeated =
          error.retryable && !repeatable
            ? ` — not called again: ${info.name} may have side effects (its server marks it neither idempotentHint nor readOnlyHint)`
            : '';
        throw new Error(`${error.message}${attempts}${notRepeated}`);
      }
      const text = resultText(result);
      // The server's own error (isError): the model reads it as the tool's error, nothing is retried.
      if (result.isError)
        throw new Error(text || `${connection.name}.${serverTool.name} failed without saying why`);
      return text || '(the tool returned no content)';
    },
  };
}

/** Calling the tool twice does no more than calling it once, as its server says (MCP annotations). */
function isIdempotent(tool: ServerTool): boolean {
  return tool.annotations?.idempotentHint === true || tool.annotations?.readOnlyHint === true;
}

/** Arguments checked against the tool's JSON Schema, with the validator's words for what is wrong. */
function argumentsSchema(jsonSchema: Record<string, unknown>): z.ZodType {
  const validate = validators.getValidator(jsonSchema as never);
  return z.record(z.string(), z.unknown()).superRefine((value, context) => {
    const checked = validate(value);
    if (checked.valid) return;
    context.addIssue({ code: 'custom', message: readable(checked.errorMessage ?? 'invalid') });
  });
}

/** ajv says `data/a must be number, data must have required property 'b'`: without `data`. */
function readable(message: string): string {
  return message.replace(/\bdata\//g, '').replace(/\bdata\s+/g, '');
}

function currentAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}
