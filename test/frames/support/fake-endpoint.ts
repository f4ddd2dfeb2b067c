/**
 * The frame's end of the bridge as the host would see it, for the controller suites: it
 * records what the frame emits (each detail checked against the schema the host checks it
 * with) and calls the methods the frame handles, as the host element would.
 */
import { EnclaveError } from "../../../src/protocol/errors.js";
import { frameEvents } from "../../../src/protocol/host-spec.js";

export class FakeEndpoint {
  readonly handlers = new Map<string, (params: unknown) => unknown>();
  readonly emitted: { name: string; detail: unknown }[] = [];

  handle(name: string, handler: (params: unknown) => unknown): void {
    this.handlers.set(name, handler);
  }

  emit(name: string, detail: unknown): void {
    // Everything the frame emits must pass the schema the host checks it with.
    const schema = frameEvents[name as keyof typeof frameEvents];
    const parsed = schema.safeParse(detail);
    if (!parsed.success) throw new Error(`"${name}" detail does not match its schema: ${JSON.stringify(detail)}`);
    this.emitted.push({ name, detail });
  }

  /** What the host element would do: call a method and get its promise. */
  async call(name: string): Promise<unknown> {
    const handler = this.handlers.get(name);
    // As the real endpoint answers a method its side's spec or handlers lack.
    if (!handler) throw new EnclaveError("method_not_found", `"${name}" is not available on this side.`);
    return handler({});
  }

  details(name: string): unknown[] {
    return this.emitted.filter((event) => event.name === name).map((event) => event.detail);
  }

  /** The `name` of every `event` emitted, in order. */
  eventNames(): string[] {
    return (this.details("event") as { name: string }[]).map((event) => event.name);
  }

  /** Every `event` emitted as a `[name, step]` pair, in order. */
  eventSteps(): [string, string][] {
    return (this.details("event") as { name: string; step: string }[]).map((event) => [event.name, event.step]);
  }
}
