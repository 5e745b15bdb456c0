package mekong.exchange.producer.desk;

import java.time.Instant;
import java.util.UUID;

/** What became of a desk's submission of an alert or a revision. */
sealed interface SubmissionResult permits SubmissionResult.Accepted, SubmissionResult.KeyReused,
		SubmissionResult.UnknownAlert, SubmissionResult.AlreadyCancelled, SubmissionResult.Erased,
		SubmissionResult.TooManyRevisions, SubmissionResult.NotTheFilingDesk {

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

	/** A revision of an alert this node never sent: only the origin revises an alert. */
	record UnknownAlert(UUID alertId) implements SubmissionResult {
	}

	/** A revision of an alert already cancelled. */
	record AlreadyCancelled(UUID alertId, int revision) implements SubmissionResult {
	}

	/** A revision of an alert the node erased when its retention ended. */
	record Erased(UUID alertId, Instant erasedAt) implements SubmissionResult {
	}

	/** A revision by another desk than the one that filed the alert. */
	record NotTheFilingDesk(UUID alertId, String filingDesk) implements SubmissionResult {
	}

	/** A revision past {@code mekong.limits.revisions-per-alert}. */
	record TooManyRevisions(UUID alertId, int most) implements SubmissionResult {
	}

}
