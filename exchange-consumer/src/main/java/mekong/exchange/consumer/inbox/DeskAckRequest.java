package mekong.exchange.consumer.inbox;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import mekong.exchange.avro.AckStatus;
import mekong.exchange.boot.limits.LimitProperties;

/**
 * A desk officer's answer to an alert in the inbox.
 *
 * @param revision the revision the officer read; if given and a newer one has arrived
 * since, the answer is refused so that nobody accepts what they have not read
 */
record DeskAckRequest(@NotNull AckStatus status, @NotBlank @Size(max = 120) String officer,
		@Size(max = LimitProperties.NOTE_LENGTH) String note, @Min(1) Integer revision) {

	@AssertTrue(message = "status must be ACCEPTED, ACTIONED or REJECTED")
	boolean isDeskDecision() {
		return this.status == null || this.status == AckStatus.ACCEPTED || this.status == AckStatus.ACTIONED
				|| this.status == AckStatus.REJECTED;
	}

}
