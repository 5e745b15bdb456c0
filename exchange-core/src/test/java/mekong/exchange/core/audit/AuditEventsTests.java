package mekong.exchange.core.audit;

import java.time.Instant;
import java.util.UUID;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditAction;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.MessageType;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.node.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEventsTests {

	static final UUID ALERT_ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

	static final Instant AT = Instant.parse("2026-11-23T03:00:00Z");

	@ParameterizedTest
	@CsvSource({ "ALERT, FILED", "UPDATE, UPDATED", "CANCEL, CANCELLED" })
	void aRevisionSentIsRecordedAsTheOriginDesksActionWithoutItsContent(MessageType type, AuditAction action) {
		Alert alert = Alerts.suspectsFromSonLa(ALERT_ID).setMessageType(type).setRevision(2).build();

		AuditEvent event = AuditEvents.sent(alert, "desk.vn05");

		assertThat(event.getAction()).isEqualTo(action);
		assertThat(event.getNode()).isEqualTo("VN-05");
		assertThat(event.getActor()).isEqualTo(alert.getOrigin().getDeskId() + "/" + alert.getOrigin().getOfficer());
		assertThat(event.getUser()).isEqualTo("desk.vn05");
		assertThat(event.getAt()).isEqualTo(alert.getSentAt());
		assertThat(event.toString()).doesNotContain(alert.getSummary());
	}

	@ParameterizedTest
	@CsvSource({ "ROUTED, ROUTED, VN-05, router, under agreement VN-05~LA-HO/2023",
			"DENIED_BY_POLICY, DENIED, VN-05, router, NO_AGREEMENT", "RECEIVED, RECEIVED, LA-HO, receiver,",
			"ACCEPTED, ACCEPTED, LA-HO, houaphan-hotline/Capt. Khamphone,",
			"REJECTED, REJECTED, LA-HO, houaphan-hotline/Capt. Khamphone," })
	void anAcknowledgementIsRecordedAsTheActionOfWhoeverMadeIt(AckStatus status, AuditAction action, String node,
			String actor, String detail) {
		boolean byDesk = status == AckStatus.ACCEPTED || status == AckStatus.REJECTED;
		Acknowledgement ack = Acknowledgement.newBuilder()
			.setAlertId(ALERT_ID)
			.setRevision(1)
			.setRecipientNode("LA-HO")
			.setStatus(status)
			.setAt(AT)
			.setBy(byDesk ? "houaphan-hotline/Capt. Khamphone" : null)
			.setReason((status == AckStatus.DENIED_BY_POLICY) ? "NO_AGREEMENT" : null)
			.setNote((status == AckStatus.ROUTED) ? "under agreement VN-05~LA-HO/2023"
					: "Checkpoint informed; the couple drives a white Hilux")
			.build();

		AuditEvent event = AuditEvents.acknowledged(ack, "VN-05");

		assertThat(event.getAction()).isEqualTo(action);
		assertThat(event.getNode()).isEqualTo(node);
		assertThat(event.getActor()).isEqualTo(actor);
		assertThat(event.getAddressee()).isEqualTo("LA-HO");
		assertThat(event.getDetail()).isEqualTo(detail);
		assertThat(event.toString()).doesNotContain("Hilux");
	}

	@Test
	void anEscalationIsRecordedAsTheOriginEscalatorsAction() {
		Escalation escalation = Escalation.newBuilder()
			.setAlertId(ALERT_ID)
			.setRevision(1)
			.setAddressee("LA-HO")
			.setPriority("FLASH")
			.setSentAt(AT.minusSeconds(600))
			.setDeadline(AT.minusSeconds(300))
			.setEscalatedAt(AT)
			.setLastStatus("RECEIVED")
			.build();

		AuditEvent event = AuditEvents.escalated(escalation, NodeId.of("VN-05"));

		assertThat(event.getAction()).isEqualTo(AuditAction.ESCALATED);
		assertThat(event.getActor()).isEqualTo("escalator");
		assertThat(event.getDetail()).isEqualTo("last status RECEIVED");
	}

	@Test
	void anErasureKeepsOnlyIdsAndTimes() {
		UUID alertId = UUID.fromString("8a6b0c1e-2d3f-4a5b-9c6d-7e8f9a0b1c2d");

		AuditEvent event = AuditEvents.erased(alertId, 3, "VN-05", NodeId.of("LA-HO"), AT);

		assertThat(event.getAction()).isEqualTo(AuditAction.ERASED);
		assertThat(event.getNode()).isEqualTo("LA-HO");
		assertThat(event.getActor()).isEqualTo("retention");
		assertThat(event.getDetail()).isNull();
		assertThat(event.getAddressee()).isNull();
	}

}
