package mekong.exchange.producer.desk;

import java.util.UUID;

/** What became of a desk's submission. */
sealed interface SubmissionResult permits SubmissionResult.Accepted, SubmissionResult.KeyReused {

	/**
	 * The revision is in the outbox.
	 *
	 * @param replayed true when this answers a retry of a request that was already
	 * accepted
	 */
	record Accepted(UUID alertId, int revision, boolean replayed) implements SubmissionResult {
	}

	/**
	 * The {@code Idempotency-Key} was already used by this desk for a different request.
	 */
	record KeyReused(String key, UUID alertId) implements SubmissionResult {
	}

}
