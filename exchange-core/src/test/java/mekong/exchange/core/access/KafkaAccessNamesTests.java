package mekong.exchange.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No node's ACLs reach another node's resources, for every pair of valid node codes, with
 * Kafka's own rule for which ACL applies to a name ({@link ResourcePatternFilter#matches}
 * with {@link PatternType#MATCH}).
 * <p>
 * Whether an ACL of one code applies to a name of another depends only on which positions
 * of the two codes hold the same character (both names start with the same text, and a
 * prefix compares position by position). Codes over two letters, in every shape a code
 * can have ({@code AB}, {@code AB-A} … {@code AB-BAB}), give every such pattern of
 * equalities, so the 60 × 59 ordered pairs below stand for all pairs of the 32 million
 * valid codes; a sample of real-looking codes, many of them extensions of one another
 * ({@code VN}, {@code VN-0}, {@code VN-05}), checks the same with the whole alphabet.
 */
class KafkaAccessNamesTests {

	@Test
	void noNodesAclsApplyToAnotherNodesResourcesForAnyPairOfCodeShapes() {
		List<NodeId> codes = everyShapeOverTwoLetters();
		assertThat(codes).hasSize(60).contains(NodeId.of("AA"), NodeId.of("AA-A"), NodeId.of("BB-BAB"));
		int pairs = 0;
		for (NodeId node : codes) {
			List<AclBinding> acls = KafkaAccess.ofNode(node, List.of());
			assertThat(resourcesOf(node)).allSatisfy((own) -> assertThat(acls).anyMatch((acl) -> appliesTo(acl, own)));
			for (NodeId other : codes) {
				if (!other.equals(node)) {
					assertThat(resourcesOf(other)).as("%s's ACLs on %s's resources", node, other)
						.noneMatch((resource) -> acls.stream().anyMatch((acl) -> appliesTo(acl, resource)));
					pairs++;
				}
			}
		}
		assertThat(pairs).isEqualTo(60 * 59);
	}

	@Test
	void noNodesAclsApplyToAnotherNodesResourcesForRealLookingCodes() {
		Random random = new Random(20261206);
		for (int pair = 0; pair < 20_000; pair++) {
			NodeId node = randomCode(random);
			NodeId other = (random.nextBoolean()) ? extensionOf(node, random) : randomCode(random);
			if (other.equals(node)) {
				continue;
			}
			List<AclBinding> acls = KafkaAccess.ofNode(node, List.of());
			assertThat(resourcesOf(other)).as("%s's ACLs on %s's resources", node, other)
				.noneMatch((resource) -> acls.stream().anyMatch((acl) -> appliesTo(acl, resource)));
		}
	}

	@Test
	void aMinistrysAclsReachOnlyWhatItsAgreementsGiveOfItsProvinces() {
		NodeId ministry = NodeId.of("VN");
		NodeId sonLa = NodeId.of("VN-05");
		List<AclBinding> acls = KafkaAccess.ofNode(ministry, List.of(sonLa));
		List<ResourcePattern> reached = resourcesOf(sonLa).stream()
			.filter((resource) -> acls.stream().anyMatch((acl) -> appliesTo(acl, resource)))
			.toList();

		assertThat(reached).containsExactlyInAnyOrder(topic(Topics.inbox(sonLa).name()),
				topic(Topics.acks(sonLa).name()));
		assertThat(acls).filteredOn((acl) -> reached.stream().anyMatch((resource) -> appliesTo(acl, resource)))
			.extracting((acl) -> acl.entry().operation())
			.containsOnly(AclOperation.WRITE);
	}

	/**
	 * What a node's Kafka Streams applications and topics are called: every name its ACLs
	 * exist for.
	 */
	private static List<ResourcePattern> resourcesOf(NodeId node) {
		String prefix = KafkaAccess.namePrefixOf(node);
		List<ResourcePattern> resources = new ArrayList<>();
		Topics.ownedBy(node).forEach((topic) -> resources.add(topic(topic.name())));
		for (String side : List.of("producer", "consumer")) {
			resources.add(topic(prefix + side + "-inbox-content-changelog"));
			resources.add(new ResourcePattern(ResourceType.GROUP, prefix + side, PatternType.LITERAL));
			resources.add(new ResourcePattern(ResourceType.TRANSACTIONAL_ID,
					prefix + side + "-1f0e5c2a-9d1b-4b7e-8f43-2a6d0c9e7b11-1", PatternType.LITERAL));
		}
		return resources;
	}

	private static ResourcePattern topic(String name) {
		return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
	}

	private static boolean appliesTo(AclBinding acl, ResourcePattern resource) {
		return new ResourcePatternFilter(resource.resourceType(), resource.name(), PatternType.MATCH)
			.matches(acl.pattern());
	}

	private static List<NodeId> everyShapeOverTwoLetters() {
		List<String> countries = List.of("AA", "AB", "BA", "BB");
		List<String> subdivisions = new ArrayList<>(List.of(""));
		for (int length = 1; length <= 3; length++) {
			for (int bits = 0; bits < (1 << length); bits++) {
				StringBuilder subdivision = new StringBuilder("-");
				for (int position = 0; position < length; position++) {
					subdivision.append(((bits >> position) & 1) == 0 ? 'A' : 'B');
				}
				subdivisions.add(subdivision.toString());
			}
		}
		List<NodeId> codes = new ArrayList<>();
		countries
			.forEach((country) -> subdivisions.forEach((subdivision) -> codes.add(NodeId.of(country + subdivision))));
		return codes;
	}

	private static NodeId randomCode(Random random) {
		String country = "" + letter(random) + letter(random);
		int length = random.nextInt(4);
		return NodeId.of((length == 0) ? country : country + "-" + subdivisionCharacters(random, length));
	}

	/**
	 * A code that starts with {@code node}'s: its country's subdivision, or a longer one.
	 */
	private static NodeId extensionOf(NodeId node, Random random) {
		String code = node.code();
		int room = (code.length() == 2) ? 3 : 6 - code.length();
		if (room == 0) {
			return randomCode(random);
		}
		String separator = (code.length() == 2) ? "-" : "";
		return NodeId.of(code + separator + subdivisionCharacters(random, 1 + random.nextInt(room)));
	}

	private static String subdivisionCharacters(Random random, int length) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
		StringBuilder characters = new StringBuilder();
		for (int position = 0; position < length; position++) {
			characters.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return characters.toString();
	}

	private static char letter(Random random) {
		return (char) ('A' + random.nextInt(26));
	}

}
