import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/client';
import { assertNever } from '../common/errors';

/**
 * The text the model reads for a tool result: text content as it is; images, audio and resources
 * summarised in a line (type, size, URI) since a chat model's tool message is text; structured content
 * as JSON when there is nothing else. Parts are separated by blank lines.
 */
export function resultText(result: CallToolResult): string {
  const parts = (result.content ?? []).map(describeContent);
  if (parts.length === 0 && result.structuredContent !== undefined) {
    parts.push(JSON.stringify(result.structuredContent));
  }
  return parts.join('\n\n');
}

function describeContent(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type}: ${block.mimeType}, ${formatBytes(base64Bytes(block.data))}]`;
    case 'resource_link': {
      const details = [block.mimeType, block.size === undefined ? undefined : formatBytes(block.size)];
      return `[resource link: ${block.uri}${describeDetails(block.name, details)}]`;
    }
    case 'resource': {
      const { resource } = block;
      if ('text' in resource) {
        const size = formatBytes(Buffer.byteLength(resource.text));
        return `[resource: ${resource.uri}${describeDetails(undefined, [resource.mimeType, size])}]\n${resource.text}`;
      }
      const size = formatBytes(base64Bytes(resource.blob));
      return `[resource: ${resource.uri}${describeDetails(undefined, [resource.mimeType, size])}]`;
    }
    default:
      return assertNever(block);
  }
}

function describeDetails(name: string | undefined, details: readonly (string | undefined)[]): string {
  const shown = [name, ...details].filter((part): part is string => Boolean(part));
  return shown.length === 0 ? '' : ` (${shown.join(', ')})`;
}

function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
