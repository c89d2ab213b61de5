import { type DemoModel, startDemoModel } from 'durable-agent';
import type { StoredSettings } from './settings-store';

/**
 * Which model the workers call: the configured OpenAI-compatible endpoint, or — with no base URL set —
 * the offline demo model, started here once and shared by every worker.
 */
export class ModelEndpoint {
  private demo: Promise<DemoModel> | undefined;
  private demoUrl: string | undefined;

  /** `pace`: the demo model's tokens per second (default: the library's); `contextWindow`: its limit. */
  constructor(
    private readonly pace?: number,
    private readonly contextWindow?: number,
  ) {}

  /** Starts the demo model when the settings need it; call before starting workers. */
  async prepare(settings: StoredSettings): Promise<void> {
    if (settings.modelBaseUrl !== '') return;
    await this.resolve('');
  }

  /** A profile's base URL; '' (the demo model) starts the demo model if needed and gives its address. */
  async resolve(baseUrl: string): Promise<string> {
    if (baseUrl !== '') return baseUrl;
    this.demo ??= startDemoModel({
      ...(this.pace === undefined ? {} : { pace: this.pace }),
      ...(this.contextWindow === undefined ? {} : { contextWindow: this.contextWindow }),
    });
    this.demoUrl = (await this.demo).baseURL;
    return this.demoUrl;
  }

  baseUrl(settings: StoredSettings): string {
    return this.resolved(settings.modelBaseUrl);
  }

  /** A base URL; '' gives the demo model's address once it was started (`prepare`, `resolve`). */
  resolved(baseUrl: string): string {
    if (baseUrl !== '') return baseUrl;
    if (!this.demoUrl) throw new Error('the demo model has not been started (call prepare first)');
    return this.demoUrl;
  }

  modelName(settings: StoredSettings): string {
    return settings.modelBaseUrl === '' ? 'demo' : settings.modelName;
  }

  async close(): Promise<void> {
    await (await this.demo?.catch(() => undefined))?.close();
  }
}
