package mekong.exchange.core.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topic;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs of the exchange, on a cluster that allows nothing without one. A node's
 * principal (its code, e.g. {@code User:VN-05}) may
 * <ul>
 * <li>create and describe its own topics;</li>
 * <li>write its outbox (its desks) and read it (its router);</li>
 * <li>read its inbox and its acks topic, but not write them: only partners deliver and
 * acknowledge there;</li>
 * <li>read and write its desk-acks, escalations, audit and dead-letter topics;</li>
 * <li>write, and only write, the inbox and the acks topic of each partner it has an
 * agreement with: its router delivers there, its receiver and desks acknowledge
 * there;</li>
 * <li>use consumer groups, transactional ids and topics starting with
 * {@link #namePrefixOf mekong.<node>.}: its Kafka Streams applications' groups,
 * transactions, state store changelogs and repartition topics. A node code has no dot, so
 * no node's prefix covers another's names: {@code mekong.VN.} (a ministry) is not a
 * prefix of {@code mekong.VN-05.} (Son La).</li>
 * </ul>
 * Nothing else: no other node's outbox, inbox or views, no deleting records (the audit
 * topic is append-only), no changing topic settings. An operator watches: describes every
 * topic and consumer group of the exchange (lag), reads the escalation, audit and
 * dead-letter topics with consumer groups starting with {@code operator-}, and nothing
 * else: no outbox, inbox or acknowledgement, so no alert's content, and writes nothing.
 */
public final class KafkaAccess {

	private static final String HOST = "*";

	private KafkaAccess() {
	}

	/** The username a node logs in with. */
	public static String usernameOf(NodeId node) {
		return node.code();
	}

	/**
	 * The application id {@code side} of {@code node} had until December 2026, which the
	 * prefix of a ministry node covered; its state is moved to {@link #namePrefixOf}'s
	 * names once.
	 */
	public static String legacyApplicationId(NodeId node, String side) {
		return "mekong-" + node.code() + "-" + side;
	}

	/**
	 * The start of the names of {@code node}'s own consumer groups, transactional ids and
	 * internal topics ({@code mekong.VN-05.}).
	 */
	public static String namePrefixOf(NodeId node) {
		return "mekong." + node.code() + ".";
	}

	/** The ACLs of {@code node}'s principal, given its partners under agreements. */
	public static List<AclBinding> ofNode(NodeId node, Collection<NodeId> partners) {
		String principal = principalOf(usernameOf(node));
		List<AclBinding> acls = new ArrayList<>();
		for (Topic<String, ?> topic : Topics.ownedBy(node)) {
			acls.add(allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.CREATE));
			acls.add(allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.DESCRIBE));
			acls.add(allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.READ));
			if (!topic.equals(Topics.inbox(node)) && !topic.equals(Topics.acks(node))) {
				acls.add(allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.WRITE));
			}
		}
		for (NodeId partner : partners) {
			for (Topic<String, ?> topic : List.of(Topics.inbox(partner), Topics.acks(partner))) {
				acls.add(allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.WRITE));
			}
		}
		String prefix = namePrefixOf(node);
		for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
				AclOperation.READ, AclOperation.WRITE)) {
			acls.add(allow(principal, ResourceType.TOPIC, prefix, PatternType.PREFIXED, operation));
		}
		acls.add(allow(principal, ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ));
		acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, AclOperation.WRITE));
		acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, AclOperation.DESCRIBE));
		return acls;
	}

	/**
	 * The ACLs of an operator's principal on a cluster where {@code nodes} run: describe
	 * the exchange's topics and every consumer group (what lag needs), read the nodes'
	 * escalation, audit and dead-letter topics, nothing else: an alert's content is for
	 * the desks of its nodes.
	 */
	public static List<AclBinding> ofOperator(String username, Collection<NodeId> nodes) {
		String principal = principalOf(username);
		List<AclBinding> acls = new ArrayList<>();
		for (AclOperation operation : List.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)) {
			acls.add(allow(principal, ResourceType.TOPIC, Topics.PREFIX, PatternType.PREFIXED, operation));
		}
		acls.add(allow(principal, ResourceType.GROUP, ResourcePattern.WILDCARD_RESOURCE, PatternType.LITERAL,
				AclOperation.DESCRIBE));
		for (NodeId node : nodes) {
			for (Topic<String, ?> topic : List.of(Topics.escalations(node), Topics.audit(node), Topics.dlq(node))) {
				acls.add(allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.READ));
			}
		}
		acls.add(allow(principal, ResourceType.GROUP, "operator-", PatternType.PREFIXED, AclOperation.READ));
		acls.add(allow(principal, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE));
		return acls;
	}

	/**
	 * The ACLs, on a cluster it pulls from, of the MirrorMaker of the country
	 * {@code username} mirrors to: read and describe the topics leaving for that country,
	 * nothing else (it writes nothing there, and uses no consumer group).
	 */
	public static List<AclBinding> ofMirrorPulling(String username, Collection<Topic<String, ?>> leaving) {
		String principal = principalOf(username);
		List<AclBinding> acls = new ArrayList<>();
		for (Topic<String, ?> topic : leaving) {
			acls.add(allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.READ));
			acls.add(allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.DESCRIBE));
		}
		return acls;
	}

	/**
	 * The ACLs, on its home cluster, of the MirrorMaker {@code username} that pulls from
	 * the cluster of {@code partnerCountry}: write the topics arriving from there (and
	 * create them if no node did yet), and run its Connect worker: its internal topics
	 * ({@code mm2-…}), its group ({@code <partner>-mm2}) and the transactions of its
	 * exactly-once source tasks and of its leader ({@code <partner>-mm2-…},
	 * {@code connect-cluster-<partner>-mm2}).
	 */
	public static List<AclBinding> ofMirrorAtHome(String username, String partnerCountry,
			Collection<Topic<String, ?>> arriving) {
		String principal = principalOf(username);
		List<AclBinding> acls = new ArrayList<>();
		for (Topic<String, ?> topic : arriving) {
			for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE)) {
				acls.add(allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, operation));
			}
		}
		for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
				AclOperation.READ, AclOperation.WRITE)) {
			acls.add(allow(principal, ResourceType.TOPIC, "mm2-", PatternType.PREFIXED, operation));
		}
		String group = partnerCountry + "-mm2";
		acls.add(allow(principal, ResourceType.GROUP, group, PatternType.PREFIXED, AclOperation.READ));
		for (String transactions : List.of(group, "connect-cluster-" + group)) {
			acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, transactions, PatternType.PREFIXED,
					AclOperation.WRITE));
			acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, transactions, PatternType.PREFIXED,
					AclOperation.DESCRIBE));
		}
		acls.add(allow(principal, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE));
		return acls;
	}

	private static String principalOf(String username) {
		return "User:" + username;
	}

	private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
			AclOperation operation) {
		return new AclBinding(new ResourcePattern(type, name, pattern),
				new AccessControlEntry(principal, HOST, operation, AclPermissionType.ALLOW));
	}

}
