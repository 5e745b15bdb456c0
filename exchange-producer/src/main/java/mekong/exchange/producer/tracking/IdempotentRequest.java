package mekong.exchange.producer.tracking;

/**
 * A desk request that carried an {@code Idempotency-Key}, and the revision of the alert
 * it produced.
 *
 * @param key the desk's user name and the key it sent
 * @param fingerprint what the request asked, hashed: a retry asks the same
 */
public record IdempotentRequest(String key, String fingerprint, int revision) {
}
