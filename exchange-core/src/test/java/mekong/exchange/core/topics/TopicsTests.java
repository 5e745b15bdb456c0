package mekong.exchange.core.topics;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.core.node.NodeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicsTests {

	static final NodeId HOUAPHAN = NodeId.of("LA-HO");

	@Test
	void namesEachNodesTopicsAsTheContractSays() {
		assertThat(Topics.outbox(HOUAPHAN).name()).isEqualTo("exchange.LA-HO.outbox");
		assertThat(Topics.inbox(HOUAPHAN).name()).isEqualTo("exchange.LA-HO.inbox");
		assertThat(Topics.acks(HOUAPHAN).name()).isEqualTo("exchange.LA-HO.acks");
		assertThat(Topics.dlq(HOUAPHAN).name()).isEqualTo("exchange.LA-HO.dlq");
	}

	@Test
	void namesValueSubjectsByConfluentsTopicNameStrategy() {
		assertThat(Topics.inbox(HOUAPHAN).valueSubject()).isEqualTo("exchange.LA-HO.inbox-value");
	}

	@Test
	void carriesTheValueTypeOfEachTopic() {
		assertThat(Topics.inbox(HOUAPHAN).valueType()).isEqualTo(Alert.class);
		assertThat(Topics.acks(HOUAPHAN).valueType()).isEqualTo(Acknowledgement.class);
		assertThat(Topics.dlq(HOUAPHAN).valueType()).isEqualTo(byte[].class);
	}

	@Test
	void listsEveryTopicANodeOwnsOnce() {
		assertThat(Topics.ownedBy(HOUAPHAN)).extracting(Topic::name)
			.doesNotHaveDuplicates()
			.allMatch((name) -> name.startsWith("exchange.LA-HO."))
			.hasSize(8);
	}

	@Test
	void sharesOnlyTheTopicsSeveralNodesWrite() {
		assertThat(Topics.ownedBy(HOUAPHAN)).extracting(Topic::name)
			.filteredOn(Topics::isShared)
			.containsExactlyInAnyOrder("exchange.LA-HO.inbox", "exchange.LA-HO.acks");
		assertThat(Topics.isShared("exchange.not a node.inbox")).isFalse();
		assertThat(Topics.isShared("mekong.LA-HO.consumer-inbox-receipts-changelog")).isFalse();
	}

	@Test
	void acceptsOnlyIsoCodesAsNodeIds() {
		assertThatIllegalArgumentException().isThrownBy(() -> NodeId.of("exchange.LA-HO"))
			.withMessageContaining("not an ISO 3166-2");
		assertThatIllegalArgumentException().isThrownBy(() -> NodeId.of("la-ho"));
		assertThat(NodeId.of("VN")).hasToString("VN");
	}

}
