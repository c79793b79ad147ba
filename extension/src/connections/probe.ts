// Connect-time probes of Trino and Nessie. No VS Code API here, so the rule is unit-tested.

/**
 * Runs a connect-time probe with a deadline. On a timeout the clients report their signal's
 * abort ("The operation was aborted due to timeout", or Trino's "the query was cancelled"),
 * which names nothing: the service and its URL are named instead.
 */
export async function answersWithin<T>(
  service: string,
  url: string,
  ms: number,
  probe: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  try {
    return await probe(signal);
  } catch (e) {
    // Whatever the client made of the abort (Trino's reads "the query was cancelled").
    if (!signal.aborted) throw e;
    throw new Error(`${service} at ${url} did not answer within ${ms / 1000} s`);
  }
}
