// The Secrets port: Secrets Manager in AWS, environment or workspace settings locally.

export interface Secrets {
  /** The secret's string value; throws when it cannot be read. */
  get(id: string): Promise<string>;
}
