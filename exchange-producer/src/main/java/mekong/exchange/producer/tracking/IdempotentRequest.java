package mekong.exchange.producer.tracking;

import java.util.UUID;

/**
 * A desk request that carried an {@code Idempotency-Key}, and the alert revision it
 * produced.
 */
public record IdempotentRequest(String key, String fingerprint, UUID alertId, int revision) {
}
