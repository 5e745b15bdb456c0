package mekong.exchange.consumer.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.consumer.receiving.InboxEntry;
import mekong.exchange.core.json.AvroJson;

/**
 * An inbox entry as the desk API shows it: the alert in full, when it arrived, and what
 * the node's desks answered to the revision shown ({@code deskStatus} is null until
 * someone answers).
 */
record InboxEntryView(UUID alertId, String origin, int revision, String priority, String category, Instant receivedAt,
		String deskStatus, Map<String, Object> alert, List<Map<String, Object>> deskAcks) {

	static InboxEntryView of(InboxEntry entry) {
		List<Acknowledgement> answers = entry.deskAcksOfCurrentRevision();
		return new InboxEntryView(entry.alert().getAlertId(), entry.alert().getOrigin().getNodeId(),
				entry.alert().getRevision(), entry.alert().getPriority().name(), entry.alert().getCategory().name(),
				entry.receivedAt(), answers.isEmpty() ? null : answers.get(answers.size() - 1).getStatus().name(),
				AvroJson.toMap(entry.alert()), entry.deskAcks().stream().map(AvroJson::toMap).toList());
	}

}
