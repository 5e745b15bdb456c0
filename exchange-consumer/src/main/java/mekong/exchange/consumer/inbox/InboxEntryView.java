package mekong.exchange.consumer.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.core.json.AvroJson;

/**
 * An inbox entry as the desk API shows it: the newest revision in full, whether it was
 * cancelled, every revision taken, what the node's desks answered to the newest
 * ({@code deskStatus} is null until someone answers), and the persons possibly reported
 * by other nodes too.
 */
record InboxEntryView(UUID alertId, String origin, int revision, String messageType, boolean cancelled, String priority,
		String category, Instant receivedAt, String deskStatus, Map<String, Object> alert,
		List<RevisionTaken> revisions, List<Map<String, Object>> deskAcks, List<PersonLink> possiblySamePersons) {

	record RevisionTaken(int revision, String messageType, Instant sentAt, String revisionNote) {
	}

	static InboxEntryView of(InboxEntry entry, List<PersonLink> links) {
		List<Acknowledgement> answers = entry.deskAcksOfCurrentRevision();
		return new InboxEntryView(entry.alert().getAlertId(), entry.alert().getOrigin().getNodeId(),
				entry.alert().getRevision(), entry.alert().getMessageType().name(), entry.cancelled(),
				entry.alert().getPriority().name(), entry.alert().getCategory().name(), entry.receivedAt(),
				answers.isEmpty() ? null : answers.get(answers.size() - 1).getStatus().name(),
				AvroJson.toMap(entry.alert()),
				entry.revisions()
					.stream()
					.map((alert) -> new RevisionTaken(alert.getRevision(), alert.getMessageType().name(),
							alert.getSentAt(), alert.getRevisionNote()))
					.toList(),
				entry.deskAcks().stream().map(AvroJson::toMap).toList(), links);
	}

}
