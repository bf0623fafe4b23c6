/**
 * Time source for everything in the bot. Production uses the system clock; tests and the sandbox drive a
 * ManualClock so reminders and recaps can be reached without waiting.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string | number) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string | number): void {
    this.current = new Date(to).getTime();
  }

  advance(milliseconds: number): Date {
    this.current += milliseconds;
    return this.now();
  }
}
