package mekong.exchange.node;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static mekong.exchange.node.ExchangeIntegrationTests.inHouaphansInbox;
import static mekong.exchange.node.ExchangeIntegrationTests.suspectAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a node keeps it keeps for the period its agreements (what it received) and its own
 * setting (what it sent) allow, then erases, on real brokers: here a few seconds. The
 * desk API then answers that the alert was erased; the indexes forget it; the changelogs
 * of the stores hold tombstones for every record of it; the audit keeps that it existed
 * and was erased; and once nothing can bring the alert back, the node forgets it too.
 */
class RetentionIntegrationTests {

	static final Duration KEPT = Duration.ofSeconds(8);

	static final Duration PATIENCE = Duration.ofSeconds(60);

	@RegisterExtension
	static final TwoNodes nodes = TwoNodes.plain("--mekong.routing.agreements[0].retention=" + KEPT.toSeconds() + "s",
			"--mekong.sent.retention=" + KEPT.toSeconds() + "s", "--mekong.topics.retention=4s",
			"--mekong.retention.check-interval=1s");

	@Test
	void erasesAnAlertEverywhereWhenItsRetentionEndsThenForgetsIt() {
		DeskClient sonLa = nodes.sonLaDesk();
		DeskClient houaphan = nodes.houaphanDesk();
		String alertId = inHouaphansInbox(nodes, suspectAlert("DRUG_TRAFFICKING", "LA-HO"));
		assertThat(houaphan
			.post("/api/v1/inbox/" + alertId + "/acks",
					"{\"status\": \"ACCEPTED\", \"officer\": \"Capt. Khamphone\", \"note\": \"Na Meo informed\"}")
			.status()).isEqualTo(201);
		assertThat(names(houaphan, "Vang De Mua")).contains(alertId);

		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(houaphan.get("/api/v1/inbox/" + alertId).status()).isEqualTo(410);
			assertThat(sonLa.get("/api/v1/alerts/" + alertId).status()).isEqualTo(410);
		});
		assertThat(houaphan.get("/api/v1/inbox/" + alertId).json()).containsKey("erasedAt");
		assertThat(names(houaphan, "Vang De Mua")).doesNotContain(alertId);
		assertThat(ids(houaphan.get("/api/v1/inbox?state=ALL&limit=1000").jsonList())).doesNotContain(alertId);
		assertThat(ids(sonLa.get("/api/v1/alerts?limit=500").jsonList())).doesNotContain(alertId);
		assertThat(sonLa.get("/api/v1/alerts/" + alertId + "/audit").jsonList()).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("action", "ERASED"));

		UUID id = UUID.fromString(alertId);
		for (String store : List.of("inbox-content", "inbox-heads")) {
			assertThat(lastOf("mekong.LA-HO.consumer-" + store + "-changelog", alertId.getBytes())).as(store)
				.isNotNull();
		}
		assertThat(lastOf("mekong.LA-HO.consumer-inbox-content-changelog", alertId.getBytes()).value())
			.as("the content's last record is a tombstone")
			.isNull();
		assertThat(lastOf("mekong.LA-HO.consumer-inbox-revisions-changelog", part(id, 1)).value()).isNull();
		assertThat(lastOf("mekong.LA-HO.consumer-inbox-answers-changelog", part(id, 0)).value()).isNull();
		assertThat(lastOf("mekong.VN-05.producer-sent-content-changelog", alertId.getBytes()).value()).isNull();
		assertThat(lastOf("mekong.VN-05.producer-sent-history-changelog", part(id, 0)).value()).isNull();
		assertThat(auditActions("exchange.LA-HO.audit", alertId)).endsWith("ERASED");
		assertThat(auditActions("exchange.VN-05.audit", alertId)).endsWith("ERASED");

		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(houaphan.get("/api/v1/inbox/" + alertId).status()).isEqualTo(404);
			assertThat(lastOf("mekong.LA-HO.consumer-inbox-heads-changelog", alertId.getBytes()).value())
				.as("the erased alert is forgotten when no record of it can come back")
				.isNull();
		});
	}

	static List<String> names(DeskClient desk, String name) {
		return ids(desk.get("/api/v1/inbox?state=ALL&name=" + name.replace(" ", "%20")).jsonList());
	}

	static List<String> ids(List<Map<String, Object>> entries) {
		return entries.stream().map((entry) -> (String) entry.get("alertId")).toList();
	}

	/** The key of a part of an alert, as the stores write it: its id, then a number. */
	static byte[] part(UUID alertId, int number) {
		return ByteBuffer.allocate(20)
			.putLong(alertId.getMostSignificantBits())
			.putLong(alertId.getLeastSignificantBits())
			.putInt(number)
			.array();
	}

	/** The last record of {@code key} in a changelog, read committed. */
	static ConsumerRecord<byte[], byte[]> lastOf(String changelog, byte[] key) {
		List<ConsumerRecord<byte[], byte[]>> records = ExchangeIntegrationTests
			.allRecordsOf(nodes.broker.bootstrapServers(), changelog, new ByteArrayDeserializer());
		ConsumerRecord<byte[], byte[]> last = null;
		for (ConsumerRecord<byte[], byte[]> record : records) {
			if (Arrays.equals(record.key(), key)) {
				last = record;
			}
		}
		return last;
	}

	static List<String> auditActions(String topic, String alertId) {
		return CrashRecoveryIntegrationTests.auditOf(nodes.broker, topic, alertId);
	}

}
