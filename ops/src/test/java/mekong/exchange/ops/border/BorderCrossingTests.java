package mekong.exchange.ops.border;

import java.util.List;
import java.util.Map;
import java.util.Set;

import mekong.exchange.core.border.BorderCrossing;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topic;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.ops.border.MirrorMakerSettings.CountryCluster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BorderCrossingTests {

	static final NodeId SON_LA = NodeId.of("VN-05");

	static final NodeId THANH_HOA = NodeId.of("VN-21");

	static final NodeId HOUAPHAN = NodeId.of("LA-HO");

	static final NodeId LUANG_PRABANG = NodeId.of("LA-LP");

	static final NodeId TAY_NINH = NodeId.of("VN-37");

	static final NodeId SVAY_RIENG = NodeId.of("KH-20");

	static final List<List<NodeId>> AGREEMENTS = List.of(List.of(SON_LA, HOUAPHAN), List.of(THANH_HOA, HOUAPHAN),
			List.of(HOUAPHAN, LUANG_PRABANG), List.of(SON_LA, THANH_HOA));

	static final List<List<NodeId>> BOTH_BORDERS = List.of(List.of(SON_LA, HOUAPHAN), List.of(TAY_NINH, SVAY_RIENG));

	@Test
	void whatLeavesAClusterIsTheInboxAndAcksOfEachPartnerAbroad() {
		assertThat(BorderCrossing.leaving(List.of(SON_LA, THANH_HOA), AGREEMENTS))
			.containsExactly(Map.entry("LA", Set.of(Topics.inbox(HOUAPHAN), Topics.acks(HOUAPHAN))));
		assertThat(BorderCrossing.leaving(List.of(HOUAPHAN), AGREEMENTS)).containsOnlyKeys("VN")
			.extractingByKey("VN")
			.satisfies((topics) -> assertThat(topics).containsExactlyInAnyOrder(Topics.inbox(SON_LA),
					Topics.acks(SON_LA), Topics.inbox(THANH_HOA), Topics.acks(THANH_HOA)));
	}

	@Test
	void aPartnerAtHomeThatRunsNoNodeYetIsNotAbroad() {
		assertThat(BorderCrossing.leaving(List.of(HOUAPHAN), AGREEMENTS).values())
			.allSatisfy((topics) -> assertThat(topics).doesNotContain(Topics.inbox(LUANG_PRABANG)));
	}

	@Test
	void onOneClusterForAllNothingCrosses() {
		List<NodeId> everyone = List.of(SON_LA, THANH_HOA, HOUAPHAN, LUANG_PRABANG);
		assertThat(BorderCrossing.leaving(everyone, AGREEMENTS)).isEmpty();
		assertThat(BorderCrossing.arriving(everyone, AGREEMENTS)).isEmpty();
	}

	@Test
	void aCountryPullsHomeOnlyItsOwnNodesTopicsSoNothingIsMirroredBothWays() {
		Set<Topic<String, ?>> intoLaos = BorderCrossing.arriving(List.of(HOUAPHAN), AGREEMENTS).get("VN");
		Set<Topic<String, ?>> intoVietnam = BorderCrossing.arriving(List.of(SON_LA, THANH_HOA), AGREEMENTS).get("LA");
		assertThat(intoLaos).containsExactlyInAnyOrder(Topics.inbox(HOUAPHAN), Topics.acks(HOUAPHAN));
		assertThat(intoVietnam).containsExactlyInAnyOrder(Topics.inbox(SON_LA), Topics.acks(SON_LA),
				Topics.inbox(THANH_HOA), Topics.acks(THANH_HOA));
		assertThat(intoLaos).doesNotContainAnyElementsOf(intoVietnam);
		assertThat(intoLaos).isEqualTo(BorderCrossing.leaving(List.of(SON_LA, THANH_HOA), AGREEMENTS).get("LA"));
	}

	@Test
	void theMirrorMakerOfLaosPullsFromVietnamExactlyOnceWhatIsAddressedToItsNodes() {
		Map<String, String> settings = MirrorMakerSettings.of(
				new CountryCluster("LA", Map.of("bootstrap.servers", "kafka-la:9092")), List.of(HOUAPHAN),
				List.of(new CountryCluster("VN", Map.of("bootstrap.servers", "kafka-vn:9092"))), AGREEMENTS,
				"http://mirror-maker-la:8083", 3, Map.of("refresh.topics.interval.seconds", "60"));

		assertThat(settings).containsEntry("clusters", "LA,VN")
			.containsEntry("LA.bootstrap.servers", "kafka-la:9092")
			.containsEntry("VN.bootstrap.servers", "kafka-vn:9092")
			.containsEntry("VN->LA.enabled", "true")
			.containsEntry("LA->VN.enabled", "false")
			.containsEntry("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy")
			.containsEntry("LA.exactly.once.source.support", "enabled")
			.containsEntry("VN.consumer.isolation.level", "read_committed")
			.containsEntry("offset-syncs.topic.location", "target")
			.containsEntry("sync.topic.acls.enabled", "false")
			.containsEntry("listeners", "http://mirror-maker-la:8083")
			.containsEntry("config.storage.replication.factor", "3")
			.containsEntry("refresh.topics.interval.seconds", "60")
			.containsEntry("plugin.discovery", "service_load")
			.containsEntry("LA.plugin.discovery", "service_load")
			.doesNotContainKey("VN.plugin.discovery");
		assertThat(List.of(settings.get("VN->LA.topics").split(","))).hasSize(2)
			.anySatisfy((pattern) -> assertThat("exchange.LA-HO.inbox").matches(pattern))
			.anySatisfy((pattern) -> assertThat("exchange.LA-HO.acks").matches(pattern))
			.noneSatisfy((pattern) -> assertThat("exchange.LA-HOxinbox").matches(pattern));
	}

	@Test
	void vietnamPullsFromLaosAndFromCambodiaWhileNothingFlowsBetweenLaosAndCambodia() {
		Map<String, String> vietnam = MirrorMakerSettings.of(
				new CountryCluster("VN", Map.of("bootstrap.servers", "kafka-vn:9092")), List.of(SON_LA, TAY_NINH),
				List.of(new CountryCluster("LA", Map.of("bootstrap.servers", "kafka-la:9092")),
						new CountryCluster("KH", Map.of("bootstrap.servers", "kafka-kh:9092"))),
				BOTH_BORDERS, "http://mirror-maker-vn:8083", 3, Map.of());

		assertThat(vietnam).containsEntry("clusters", "VN,LA,KH")
			.containsEntry("LA->VN.enabled", "true")
			.containsEntry("KH->VN.enabled", "true")
			.containsEntry("VN->LA.enabled", "false")
			.containsEntry("VN->KH.enabled", "false")
			.containsEntry("LA->KH.enabled", "false")
			.containsEntry("KH->LA.enabled", "false")
			.containsEntry("LA.consumer.isolation.level", "read_committed")
			.containsEntry("KH.consumer.isolation.level", "read_committed");
		assertThat(List.of(vietnam.get("LA->VN.topics").split(",")))
			.allSatisfy((pattern) -> assertThat(pattern).contains("VN-05").doesNotContain("VN-37"))
			.hasSize(2);
		assertThat(List.of(vietnam.get("KH->VN.topics").split(",")))
			.allSatisfy((pattern) -> assertThat(pattern).contains("VN-37").doesNotContain("VN-05"))
			.hasSize(2);

		Map<String, String> cambodia = MirrorMakerSettings.of(
				new CountryCluster("KH", Map.of("bootstrap.servers", "kafka-kh:9092")), List.of(SVAY_RIENG),
				List.of(new CountryCluster("VN", Map.of("bootstrap.servers", "kafka-vn:9092"))), BOTH_BORDERS,
				"http://mirror-maker-kh:8083", 3, Map.of());
		assertThat(cambodia).containsEntry("clusters", "KH,VN").doesNotContainKey("LA.bootstrap.servers");
		assertThat(cambodia.get("VN->KH.topics")).contains("KH-20").doesNotContain("LA-", "VN-");
	}

	@Test
	void noLaoTopicLeavesForCambodiaNorACambodianOneForLaos() {
		assertThat(BorderCrossing.leaving(List.of(HOUAPHAN), BOTH_BORDERS)).containsOnlyKeys("VN");
		assertThat(BorderCrossing.leaving(List.of(SVAY_RIENG), BOTH_BORDERS)).containsOnlyKeys("VN");
		assertThat(BorderCrossing.arriving(List.of(HOUAPHAN), BOTH_BORDERS)).containsOnlyKeys("VN");
		assertThat(BorderCrossing.arriving(List.of(SVAY_RIENG), BOTH_BORDERS)).containsOnlyKeys("VN");
		assertThat(BorderCrossing.leaving(List.of(SON_LA, TAY_NINH), BOTH_BORDERS)).containsOnlyKeys("LA", "KH")
			.satisfies((leaving) -> assertThat(leaving.get("KH")).extracting(Topic::name)
				.allSatisfy((topic) -> assertThat(topic).contains("KH-20")));
	}

}
