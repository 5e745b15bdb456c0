package mekong.exchange.consumer.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import mekong.exchange.avro.state.InboxHead;
import mekong.exchange.core.json.AvroJson;
import mekong.exchange.core.names.PersonName;

/**
 * An inbox entry as the desk API shows it: the newest revision in full, whether it was
 * cancelled, what the node's desks answered to the newest ({@code deskStatus} is null
 * until someone answers) and how many answers they gave, the persons it names (as name
 * matching sees them: every way it writes each name, and a year of birth if it gives or
 * implies one), and the persons possibly reported by other nodes too; for a single entry
 * also every revision taken and the newest answers. A list leaves those two out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InboxEntryView(UUID alertId, String origin, int revision, String messageType, boolean cancelled, String priority,
		String category, Instant receivedAt, String deskStatus, int deskAckCount, Map<String, Object> alert,
		List<RevisionTaken> revisions, List<Map<String, Object>> deskAcks, List<PersonName> persons,
		List<PersonLink> possiblySamePersons) {

	record RevisionTaken(int revision, String messageType, Instant sentAt, String revisionNote, Instant takenAt) {
	}

	static InboxEntryView of(InboxEntry entry, List<PersonLink> links) {
		InboxHead head = entry.head();
		return new InboxEntryView(head.getAlertId(), head.getOrigin(), head.getRevision(), head.getMessageType().name(),
				entry.cancelled(), head.getPriority().name(), head.getCategory().name(), head.getReceivedAt(),
				(head.getDeskStatus() != null) ? head.getDeskStatus().name() : null, head.getAnswers(),
				AvroJson.toMap(entry.alert()),
				(entry.revisions() != null) ? entry.revisions()
					.stream()
					.map((revision) -> new RevisionTaken(revision.getRevision(), revision.getMessageType().name(),
							revision.getSentAt(), revision.getRevisionNote(), revision.getTakenAt()))
					.toList() : null,
				(entry.answers() != null) ? entry.answers().stream().map(AvroJson::toMap).toList() : null,
				entry.persons(), links);
	}

}
