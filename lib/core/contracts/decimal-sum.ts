// An exact sum of decimal text: integers scaled by their decimals, no floating point, in flat memory.

const maxSafe = 2 ** 52;
/** Up to 15 digits fit a double exactly, so most values are added as numbers and only flushed to a BigInt. */
const fastDigits = 15;
const zero = 0x30;
const nine = 0x39;
const dot = 0x2e;
const minus = 0x2d;
const plus = 0x2b;

/** A decimal as an unscaled integer and its scale: 12.50 is { units: 1250n, scale: 2 }. */
export interface Decimal {
  units: bigint;
  scale: number;
}

/** `[+-]digits[.digits]` or `[+-].digits`, surrounding spaces allowed; undefined for anything else. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  const units = BigInt(`${whole}${fraction}` || '0');
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

/** The decimal written out at `scale` places (at least its own): `{1250n, 2}` at 3 is `12.500`. */
export function formatDecimal(value: Decimal, scale = value.scale): string {
  const units = value.units * 10n ** BigInt(Math.max(0, scale - value.scale));
  const places = Math.max(scale, value.scale);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const text = places > 0 ? `${whole}.${digits.slice(digits.length - places)}` : whole;
  return negative ? `-${text}` : text;
}

/** Whether two decimals are the same number (0.30 equals 0.3). */
export function sameDecimal(a: Decimal, b: Decimal): boolean {
  const scale = Math.max(a.scale, b.scale);
  return a.units * 10n ** BigInt(scale - a.scale) === b.units * 10n ** BigInt(scale - b.scale);
}

/**
 * Adds decimals given as bytes. Each scale keeps its own running total: a double while it stays exact, flushed into
 * a BigInt before it could round. The total is exact whatever the count of values.
 */
export class DecimalSum {
  private readonly fast: number[] = [];
  private readonly exact: bigint[] = [];
  /** Values added (nulls are not values). */
  count = 0;

  /** Adds `bytes[start, end)` when it is a decimal (spaces around allowed); false, adding nothing, when not. */
  addBytes(bytes: Buffer, start: number, end: number): boolean {
    while (start < end && bytes[start] === 0x20) start++;
    while (end > start && bytes[end - 1] === 0x20) end--;
    let at = start;
    let negative = false;
    if (bytes[at] === minus || bytes[at] === plus) {
      negative = bytes[at] === minus;
      at++;
    }
    let digits = 0;
    let scale = -1;
    let units = 0;
    for (; at < end; at++) {
      const byte = bytes[at]!;
      if (byte >= zero && byte <= nine) {
        units = units * 10 + (byte - zero);
        digits++;
      } else if (byte === dot && scale === -1) scale = at;
      else return false;
    }
    if (digits === 0) return false;
    const places = scale === -1 ? 0 : end - scale - 1;
    if (digits > fastDigits) this.add(parseDecimal(bytes.toString('latin1', start, end))!);
    else {
      this.addFast(negative ? -units : units, places);
      this.count++;
    }
    return true;
  }

  add(value: Decimal): void {
    this.addExact(value.units, value.scale);
    this.count++;
  }

  /** The total, at the largest scale seen. */
  total(): Decimal {
    const scale = Math.max(0, this.fast.length - 1, this.exact.length - 1);
    let units = 0n;
    for (let s = 0; s <= scale; s++) {
      const part = (this.exact[s] ?? 0n) + BigInt(this.fast[s] ?? 0);
      units += part * 10n ** BigInt(scale - s);
    }
    return { units, scale };
  }

  private addFast(units: number, scale: number): void {
    const sum = (this.fast[scale] ?? 0) + units;
    if (sum > maxSafe || sum < -maxSafe) {
      this.addExact(BigInt(sum - units) + BigInt(units), scale);
      this.fast[scale] = 0;
    } else this.fast[scale] = sum;
    if (this.exact.length <= scale) this.fill(scale);
  }

  private addExact(units: bigint, scale: number): void {
    this.exact[scale] = (this.exact[scale] ?? 0n) + units;
    if (this.fast.length <= scale) this.fill(scale);
  }

  /** Keeps both arrays dense (holes would make `total` read undefined). */
  private fill(scale: number): void {
    for (let s = 0; s <= scale; s++) {
      this.fast[s] ??= 0;
      this.exact[s] ??= 0n;
    }
  }
}
