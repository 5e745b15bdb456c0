package mekong.exchange.producer.desk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Alert;
import mekong.exchange.core.json.AvroJson;
import mekong.exchange.producer.tracking.SentAlert;

/**
 * The sender's view of one alert, as the desk API shows it: the newest revision in full,
 * when each revision was sent, the current status at each addressee (flagged when
 * escalated, or while waiting for the border link), every acknowledgement in the order it
 * arrived, and the escalations raised.
 */
record SentAlertView(UUID alertId, String origin, boolean cancelled, Map<String, Object> latest,
		List<RevisionSent> revisions, List<AddresseeView> addressees, List<Map<String, Object>> history,
		List<Map<String, Object>> escalations) {

	/** Shown while an addressee has no acknowledgement of the newest revision yet. */
	static final String PENDING = "PENDING";

	record RevisionSent(int revision, String messageType, Instant sentAt, String revisionNote) {
	}

	/** Why a revision ROUTED to an addressee abroad has not been received yet. */
	static final String BORDER_LINK = "BORDER_LINK";

	/**
	 * @param waitingFor {@value #BORDER_LINK} while the revision is routed to a partner
	 * abroad and not yet across the border; null otherwise
	 */
	record AddresseeView(String node, int revision, String status, Instant at, String by, String reason, String note,
			boolean escalated, String waitingFor) {
	}

	/** When its newest revision was sent. */
	Instant lastSentAt() {
		return this.revisions.get(this.revisions.size() - 1).sentAt();
	}

	static SentAlertView of(SentAlert sent, BorderLinks border) {
		Alert latest = sent.latest();
		return new SentAlertView(sent.alertId(), latest.getOrigin().getNodeId(), sent.cancelled(),
				AvroJson.toMap(latest),
				sent.revisions()
					.stream()
					.map((alert) -> new RevisionSent(alert.getRevision(), alert.getMessageType().name(),
							alert.getSentAt(), alert.getRevisionNote()))
					.toList(),
				sent.addressees()
					.values()
					.stream()
					.map((status) -> new AddresseeView(status.node(), status.revision(),
							(status.status() != null) ? status.status().name() : PENDING, status.at(), status.by(),
							status.reason(), status.note(), status.escalated(),
							(status.status() == AckStatus.ROUTED && border.crosses(status.node())) ? BORDER_LINK
									: null))
					.toList(),
				sent.acks().stream().map(AvroJson::toMap).toList(),
				sent.escalations().stream().map(AvroJson::toMap).toList());
	}

}
