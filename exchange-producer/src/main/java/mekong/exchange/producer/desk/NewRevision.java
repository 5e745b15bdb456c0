package mekong.exchange.producer.desk;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import mekong.exchange.avro.MessageType;

/**
 * A desk's revision of an alert its node sent: an UPDATE carries the whole corrected
 * alert (its officer signs the revision), a CANCEL only who cancels it; both say why.
 */
record NewRevision(@NotNull MessageType messageType, @NotBlank @Size(max = 2000) String revisionNote,
		@Valid NewAlert alert, @Size(max = 120) String officer) {

	@AssertTrue(message = "messageType must be UPDATE (with the corrected alert) or CANCEL (with the officer)")
	boolean isUpdateOrCancel() {
		return this.messageType == null || this.messageType == MessageType.UPDATE
				|| this.messageType == MessageType.CANCEL;
	}

	@AssertTrue(message = "an UPDATE carries the corrected alert and no separate officer")
	boolean isUpdateWithItsAlert() {
		return this.messageType != MessageType.UPDATE || (this.alert != null && this.officer == null);
	}

	@AssertTrue(message = "a CANCEL names the officer who cancels and carries no alert")
	boolean isCancelWithItsOfficer() {
		return this.messageType != MessageType.CANCEL
				|| (this.alert == null && this.officer != null && !this.officer.isBlank());
	}

}
