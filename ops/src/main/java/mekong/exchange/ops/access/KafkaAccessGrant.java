package mekong.exchange.ops.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import mekong.exchange.core.access.KafkaAccess;
import mekong.exchange.core.agreements.Partners;
import mekong.exchange.core.border.BorderCrossing;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/**
 * Puts the exchange's principals on a cluster: each node, operator and MirrorMaker gets
 * its SASL/SCRAM-SHA-512 credentials (a password that changed replaces the old one), and
 * the ACLs of {@link KafkaAccess}, a node's partners being the nodes it has an agreement
 * with; any other ACL of these principals is deleted. Run by an administrator of the
 * cluster, on every start (the local stack) or as an init step (compose); running it
 * again changes nothing.
 */
public final class KafkaAccessGrant {

	/** The SASL mechanism of the exchange's principals. */
	public static final String MECHANISM = "SCRAM-SHA-512";

	private static final int SCRAM_ITERATIONS = 8192;

	private KafkaAccessGrant() {
	}

	/**
	 * Grants access to {@code nodes}, {@code operators} and the MirrorMakers of
	 * {@code mirrors}, and creates the topics leaving this cluster for nodes that run on
	 * another ({@link BorderCrossing#leaving}), which no node of this cluster creates.
	 * @param admin a client of the cluster's administrator
	 * @param nodes each node that runs on this cluster, with its password
	 * @param operators each operator's username and password
	 * @param mirrors the password of each country's MirrorMaker that connects to this
	 * cluster, by country: the home country's writes what arrives, a partner country's
	 * reads what leaves for it
	 * @param agreements the two parties of each agreement in force
	 * @param leavingTopics how to create the leaving topics, as the nodes create theirs
	 */
	public static void grant(Admin admin, Map<NodeId, String> nodes, Map<String, String> operators,
			Map<String, String> mirrors, Collection<? extends Collection<NodeId>> agreements,
			TopicLayout leavingTopics) {
		List<UserScramCredentialAlteration> credentials = new ArrayList<>();
		List<AclBinding> acls = new ArrayList<>();
		Map<NodeId, Set<NodeId>> partners = Partners.of(nodes.keySet(), agreements);
		nodes.forEach((node, password) -> {
			credentials.add(scram(KafkaAccess.usernameOf(node), password));
			acls.addAll(KafkaAccess.ofNode(node, partners.get(node)));
		});
		operators.forEach((username, password) -> {
			credentials.add(scram(username, password));
			acls.addAll(KafkaAccess.ofOperator(username, nodes.keySet()));
		});
		Map<String, Set<Topic<String, ?>>> leaving = BorderCrossing.leaving(nodes.keySet(), agreements);
		Map<String, Set<Topic<String, ?>>> arriving = BorderCrossing.arriving(nodes.keySet(), agreements);
		mirrors.forEach((country, password) -> {
			String username = BorderCrossing.mirrorUsernameOf(country);
			credentials.add(scram(username, password));
			if (nodes.keySet().stream().anyMatch((node) -> node.country().equals(country))) {
				arriving.forEach((partnerCountry, topics) -> acls
					.addAll(KafkaAccess.ofMirrorAtHome(username, partnerCountry, topics)));
			}
			else {
				acls.addAll(KafkaAccess.ofMirrorPulling(username, leaving.getOrDefault(country, Set.of())));
			}
		});
		try {
			admin.alterUserScramCredentials(credentials).all().get();
			admin.createAcls(acls).all().get();
			revokeTheRest(admin, acls);
			createMissing(admin, leaving.values().stream().flatMap(Set::stream).toList(), leavingTopics);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not grant the exchange's principals their access", ex.getCause());
		}
	}

	/**
	 * Deletes every ACL of the principals of {@code granted} that is not in it: what an
	 * earlier version granted (names no longer used, an agreement that ended) stops
	 * working when the grant runs again.
	 */
	private static void revokeTheRest(Admin admin, List<AclBinding> granted)
			throws InterruptedException, ExecutionException {
		Set<AclBinding> wanted = new HashSet<>(granted);
		List<AclBindingFilter> stale = new ArrayList<>();
		for (String principal : granted.stream().map((acl) -> acl.entry().principal()).distinct().toList()) {
			AclBindingFilter ofPrincipal = new AclBindingFilter(ResourcePatternFilter.ANY,
					new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
			admin.describeAcls(ofPrincipal)
				.values()
				.get()
				.stream()
				.filter((acl) -> !wanted.contains(acl))
				.forEach((acl) -> stale.add(acl.toFilter()));
		}
		if (!stale.isEmpty()) {
			admin.deleteAcls(stale).all().get();
		}
	}

	/**
	 * How topics are created: as the nodes create theirs ({@code mekong.topics}); a
	 * mirrored topic must have as many partitions on both clusters, so that an alert and
	 * its acknowledgements share a partition on each.
	 */
	public record TopicLayout(int partitions, short replicationFactor, Duration retention) {
	}

	private static void createMissing(Admin admin, List<Topic<String, ?>> topics, TopicLayout layout)
			throws InterruptedException, ExecutionException {
		Set<String> existing = admin.listTopics().names().get();
		List<NewTopic> missing = topics.stream()
			.filter((topic) -> !existing.contains(topic.name()))
			.map((topic) -> new NewTopic(topic.name(), layout.partitions(), layout.replicationFactor())
				.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(layout.retention().toMillis()))))
			.toList();
		if (!missing.isEmpty()) {
			admin.createTopics(missing).all().get();
		}
	}

	private static UserScramCredentialUpsertion scram(String username, String password) {
		return new UserScramCredentialUpsertion(username,
				new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password);
	}

}
