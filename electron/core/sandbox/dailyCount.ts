import { quotaDayOf } from '../marketo/quotaClock';

/** A count that starts again at each of Marketo's quota days (midnight US Central). */
export class DailyCount {
  private day = '';
  private count = 0;

  constructor(private readonly wallClock: () => Date = () => new Date()) {}

  /** Today's count, after a day change 0. */
  get value(): number {
    this.roll();
    return this.count;
  }

  /** The quota day it counts, `YYYY-MM-DD` in US Central time. */
  get today(): string {
    this.roll();
    return this.day;
  }

  add(): void {
    this.roll();
    this.count += 1;
  }

  reset(): void {
    this.count = 0;
  }

  private roll(): void {
    const day = quotaDayOf(this.wallClock());
    if (day === this.day) return;
    this.day = day;
    this.count = 0;
  }
}
