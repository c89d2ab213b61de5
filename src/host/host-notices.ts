import type { HostNotice } from '../shared/models';
import type { HostEvents } from './host-events';

/**
 * What the host has to tell the user beyond one call's answer — the history moved aside at start-up, saving
 * failing, the API key removed — kept until dismissed or resolved, so a window opened later still sees it.
 * Each change goes to the UI (`hostNoticesChanged`) and to the log.
 */
export class HostNotices {
  private notices: HostNotice[] = [];

  constructor(
    private readonly events: Pick<HostEvents, 'emit'>,
    private readonly log: (line: string) => void,
  ) {}

  list(): readonly HostNotice[] {
    return this.notices;
  }

  /** Shows a notice; one with the same id is replaced. */
  show(id: string, tone: HostNotice['tone'], text: string): void {
    this.log(text);
    const notice: HostNotice = { id, tone, text, at: new Date().toISOString() };
    this.notices = [...this.notices.filter((each) => each.id !== id), notice];
    this.events.emit('hostNoticesChanged', this.notices);
  }

  /** Removes a notice (dismissed by the user, or its cause resolved); unknown ids are ignored. */
  remove(id: string): void {
    if (!this.notices.some((notice) => notice.id === id)) return;
    this.notices = this.notices.filter((notice) => notice.id !== id);
    this.events.emit('hostNoticesChanged', this.notices);
  }
}
