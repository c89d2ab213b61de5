/**
 * Model profiles: endpoints besides the one of Settings, each with a name, base URL, API key and default
 * model. A conversation picks a profile and a model of it; its runs ask that endpoint.
 */
import { z } from 'zod';

/** The endpoint of Settings, as a conversation's profile (also what no profile means). */
export const SETTINGS_PROFILE_ID = 'settings';

/** A profile as the renderer sees it: the API key is write-only, only `hasApiKey` comes back. */
export interface ModelProfile {
  readonly id: string;
  readonly name: string;
  /** OpenAI-compatible base URL; empty = the offline demo model. */
  readonly baseUrl: string;
  readonly defaultModel: string;
  readonly hasApiKey: boolean;
}

const profileId = z.string().trim().min(1).max(100);

/** Adds (no `id`) or changes a profile. `apiKey`: a string sets it, null removes it, absent keeps it. */
export const saveModelProfileSchema = z
  .object({
    id: profileId.optional(),
    name: z.string().trim().min(1).max(100),
    baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
    defaultModel: z.string().trim().min(1).max(200),
    apiKey: z.string().min(1).max(1000).nullable().optional(),
  })
  .strict();

export type SaveModelProfileRequest = z.output<typeof saveModelProfileSchema>;

export const modelProfileIdSchema = z.object({ profileId }).strict();

/** The models of a profile's endpoint (absent: the endpoint of Settings). */
export const listModelsSchema = z.object({ profileId: profileId.optional() }).strict().optional();
