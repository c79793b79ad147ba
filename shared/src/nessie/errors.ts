/** Nessie could not be reached or answered with an HTTP error. */
export class NessieTransportError extends Error {
  override readonly name = 'NessieTransportError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
