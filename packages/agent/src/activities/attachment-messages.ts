import { ApplicationFailure } from '@temporalio/common';
import type { AttachmentFolder } from '../attachments/attachment-folder';
import { readAttachmentContent } from '../attachments/read-attachment-content';
import { messageOf } from '../common/error-message';
import { FailureType } from '../common/names';
import type { ConversationMessage } from '../common/types';
import type { ModelMessage } from '../llm/model-provider';

/**
 * The model call's messages with each attachment read from the worker's attachment folder: the run's input
 * and history carry only references; the content reaches the model here, on the worker. A worker without
 * the folder, or a file missing from it, fails the run in words (a retry would find the same folder).
 */
export async function withAttachmentContents(
  messages: readonly ConversationMessage[],
  folder: AttachmentFolder | undefined,
): Promise<ModelMessage[]> {
  return Promise.all(
    messages.map(async (message): Promise<ModelMessage> => {
      if (message.role !== 'user') return message;
      const { attachments, ...rest } = message;
      if (!attachments?.length) return rest;
      if (!folder) {
        throw ApplicationFailure.nonRetryable(
          'the message has attachments but this worker has no attachment folder (AgentWorker option `attachmentFolder`)',
          FailureType.runFailed,
        );
      }
      try {
        const contents = await Promise.all(
          attachments.map((reference) => readAttachmentContent(folder, reference)),
        );
        return { ...rest, attachments: contents };
      } catch (error) {
        const reason = messageOf(error);
        throw ApplicationFailure.nonRetryable(reason, FailureType.runFailed);
      }
    }),
  );
}
