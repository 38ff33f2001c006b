/**
 * The app's `settings.json` in the data folder: one JSON object whose top-level keys are sections
 * (`connections`, `window`, …) owned by different parts of the app. Every change is a serialised
 * read-modify-write of one section with an atomic rename, so the owners never overwrite each other.
 */
import { readTextIfExists, SerialQueue, writeFileAtomic } from '../json-file.ts';

/** A JSON settings file shared by sections. */
export class SettingsFile {
  private readonly queue = new SerialQueue();

  constructor(readonly file: string) {}

  /** The raw value of one section (undefined when absent); callers validate its shape. */
  read(section: string): Promise<unknown> {
    return this.queue.run(async () => (await this.readAll())[section]);
  }

  /** Replaces one section with what `change` returns from its current value. */
  update(section: string, change: (current: unknown) => unknown): Promise<void> {
    return this.queue.run(async () => {
      const all = await this.readAll();
      all[section] = change(all[section]);
      await writeFileAtomic(this.file, `${JSON.stringify(all, null, 2)}\n`);
    });
  }

  /** Resolves once every change asked for so far is on disk (call before the process exits). */
  async flush(): Promise<void> {
    await this.queue.idle();
  }

  private async readAll(): Promise<Record<string, unknown>> {
    const text = await readTextIfExists(this.file);
    if (text === undefined) return {};
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? { ...(parsed as Record<string, unknown>) }
        : {};
    } catch {
      // A settings file broken by hand must not keep the app from starting; it is rewritten on save.
      return {};
    }
  }
}
