package mekong.exchange.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import mekong.exchange.avro.Alert;
import mekong.exchange.avro.MessageType;
import mekong.exchange.core.fixtures.Alerts;
import mekong.exchange.core.fixtures.SuppliedClock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static mekong.exchange.node.ExchangeIntegrationTests.addressee;
import static mekong.exchange.node.ExchangeIntegrationTests.filed;
import static mekong.exchange.node.ExchangeIntegrationTests.suspectAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A withdrawal passes when nothing else does, on real brokers: Son La and Houaphan's
 * agreement ends on 31 December 2027, the nodes' clocks are moved past it, and a CANCEL
 * of an alert delivered while it was in force still reaches Houaphan and is taken, while
 * an update, or an alert written into Son La's outbox backdated into the agreement, is
 * refused with the reason.
 */
class WithdrawalIntegrationTests {

	static final Duration PATIENCE = Duration.ofSeconds(60);

	static final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

	@RegisterExtension
	static final TwoNodes nodes = TwoNodes.withClock(movable(), "--mekong.routing.agreements[0].retention=3650d",
			"--mekong.sent.retention=3650d");

	@Test
	void aCancelAfterTheAgreementEndedReachesThePartnerAndAnUpdateDoesNot() throws Exception {
		DeskClient sonLa = nodes.sonLaDesk();
		DeskClient houaphan = nodes.houaphanDesk();
		String cancelled = filed(sonLa, suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		String updated = filed(sonLa, suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(houaphan.get("/api/v1/inbox/" + cancelled).status()).isEqualTo(200);
			assertThat(houaphan.get("/api/v1/inbox/" + updated).status()).isEqualTo(200);
		});

		ahead.set(Duration.between(Instant.now(), Instant.parse("2028-01-05T03:00:00Z")));

		assertThat(sonLa
			.post("/api/v1/alerts/" + cancelled + "/revisions",
					"{\"messageType\": \"CANCEL\", \"officer\": \"Lt. Nguyen Van An\", \"revisionNote\": \"arrested\"}")
			.status()).isEqualTo(201);
		await().atMost(PATIENCE)
			.untilAsserted(
					() -> assertThat(houaphan.get("/api/v1/inbox/" + cancelled).json()).containsEntry("cancelled", true)
						.containsEntry("revision", 2));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(addressee(sonLa, cancelled, "LA-HO")).containsEntry("status", "RECEIVED")
				.containsEntry("revision", 2));

		assertThat(sonLa
			.post("/api/v1/alerts/" + updated + "/revisions",
					"{\"messageType\": \"UPDATE\", \"revisionNote\": \"more\", \"alert\": "
							+ suspectAlert("DRUG_TRAFFICKING", "LA-HO") + "}")
			.status()).isEqualTo(201);
		await().atMost(PATIENCE)
			.untilAsserted(
					() -> assertThat(addressee(sonLa, updated, "LA-HO")).containsEntry("status", "DENIED_BY_POLICY")
						.containsEntry("reason", "AGREEMENT_NOT_IN_FORCE"));
		assertThat(houaphan.get("/api/v1/inbox/" + updated).json()).containsEntry("revision", 1);

		Alert backdated = Alerts.suspectsFromSonLa(UUID.randomUUID())
			.setSentAt(Instant.parse("2027-12-30T02:00:00Z"))
			.setMessageType(MessageType.ALERT)
			.build();
		try (KafkaProducer<String, Object> outbox = TestKeys.producerOf("VN-05", nodes.broker.bootstrapServers())) {
			outbox.send(new ProducerRecord<>("exchange.VN-05.outbox", backdated.getAlertId().toString(), backdated))
				.get();
		}
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(addressee(sonLa, backdated.getAlertId().toString(), "LA-HO"))
				.containsEntry("status", "DENIED_BY_POLICY")
				.containsEntry("reason", "AGREEMENT_ENDED"));
	}

	/** The system clock, as far ahead as the test says. */
	static Clock movable() {
		return new SuppliedClock(() -> Instant.now().plus(ahead.get()));
	}

}
