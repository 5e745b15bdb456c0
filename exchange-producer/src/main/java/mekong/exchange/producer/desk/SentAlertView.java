package mekong.exchange.producer.desk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.state.AddresseeState;
import mekong.exchange.core.json.AvroJson;
import mekong.exchange.producer.tracking.SentAlert;

/**
 * The sender's view of one alert, as the desk API shows it: the newest revision in full,
 * the current status at each addressee (flagged when escalated, or while waiting for the
 * border link); for a single alert also when each revision was sent, the newest entries
 * of its history (each decision and acknowledgement in the order it came,
 * {@code historySize} in all) and the escalations raised. A list leaves those three out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SentAlertView(UUID alertId, String origin, boolean cancelled, Instant lastSentAt, Map<String, Object> latest,
		List<RevisionSent> revisions, List<AddresseeView> addressees, List<Map<String, Object>> history,
		Integer historySize, List<Map<String, Object>> escalations) {

	record RevisionSent(int revision, String messageType, Instant sentAt, String revisionNote) {
	}

	/** Why a revision ROUTED to an addressee abroad has not been received yet. */
	static final String BORDER_LINK = "BORDER_LINK";

	/**
	 * @param waitingFor {@value #BORDER_LINK} while the revision is routed to a partner
	 * abroad and not yet across the border; null otherwise
	 */
	record AddresseeView(String node, int revision, String status, Instant at, String by, String user, String reason,
			String note, boolean escalated, String waitingFor) {
	}

	/** One alert, with its revisions, history and escalations. */
	static SentAlertView of(SentAlert sent, BorderLinks border) {
		return new SentAlertView(sent.alertId(), origin(sent), sent.cancelled(), sent.head().getSentAt(),
				AvroJson.toMap(sent.latest()),
				sent.revisions()
					.stream()
					.map((revision) -> new RevisionSent(revision.getRevision(), revision.getMessageType().name(),
							revision.getSentAt(), revision.getRevisionNote()))
					.toList(),
				addressees(sent, border), sent.history().stream().map(AvroJson::toMap).toList(), sent.historySize(),
				sent.escalations().stream().map(AvroJson::toMap).toList());
	}

	/** One alert of a list: where it stands, without its history. */
	static SentAlertView listed(SentAlert sent, BorderLinks border) {
		return new SentAlertView(sent.alertId(), origin(sent), sent.cancelled(), sent.head().getSentAt(),
				AvroJson.toMap(sent.latest()), null, addressees(sent, border), null, null, null);
	}

	private static String origin(SentAlert sent) {
		Alert latest = sent.latest();
		return latest.getOrigin().getNodeId();
	}

	private static List<AddresseeView> addressees(SentAlert sent, BorderLinks border) {
		return sent.addressees().stream().map((state) -> view(state, border)).toList();
	}

	private static AddresseeView view(AddresseeState state, BorderLinks border) {
		return new AddresseeView(state.getNode(), state.getRevision(), state.getStatus().name(), state.getAt(),
				state.getBy(), state.getUser(), state.getReason(), state.getNote(), SentAlert.escalated(state),
				(state.getStatus() == AckStatus.ROUTED && border.crosses(state.getNode())) ? BORDER_LINK : null);
	}

}
