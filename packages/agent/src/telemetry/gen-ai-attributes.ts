/** Attribute names of OpenTelemetry's GenAI semantic conventions, and the few of ours beside them. */
export const GenAi = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  agentName: 'gen_ai.agent.name',
  conversationId: 'gen_ai.conversation.id',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  toolCallArguments: 'gen_ai.tool.call.arguments',
  toolCallResult: 'gen_ai.tool.call.result',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  systemInstructions: 'gen_ai.system_instructions',
  errorType: 'error.type',
} as const;

/** Ours: the run's workflow id (the key Temporal's own spans use), its run id, attempt and model call. */
export const RunAttributes = {
  workflowId: 'temporalWorkflowId',
  runId: 'durable_agent.run.id',
  attempt: 'durable_agent.attempt',
  round: 'durable_agent.model_call',
} as const;
