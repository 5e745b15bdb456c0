package mekong.exchange.core.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

import mekong.exchange.core.node.NodeId;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;

/**
 * Puts the exchange's principals on a cluster: each node and each operator gets its
 * SASL/SCRAM-SHA-512 credentials (a password that changed replaces the old one), and the
 * ACLs of {@link KafkaAccess}, a node's partners being the nodes it has an agreement
 * with. Run by an administrator of the cluster, on every start (the local stack) or as an
 * init step (compose); running it again changes nothing.
 */
public final class KafkaAccessGrant {

	/** The SASL mechanism of the exchange's principals. */
	public static final String MECHANISM = "SCRAM-SHA-512";

	private static final int SCRAM_ITERATIONS = 8192;

	private KafkaAccessGrant() {
	}

	/**
	 * Grants access to {@code nodes} and {@code operators}.
	 * @param admin a client of the cluster's administrator
	 * @param nodes each node's password
	 * @param operators each operator's username and password
	 * @param agreements the two parties of each agreement in force
	 */
	public static void grant(Admin admin, Map<NodeId, String> nodes, Map<String, String> operators,
			Collection<? extends Collection<NodeId>> agreements) {
		List<UserScramCredentialAlteration> credentials = new ArrayList<>();
		List<AclBinding> acls = new ArrayList<>();
		Map<NodeId, Set<NodeId>> partners = partners(nodes.keySet(), agreements);
		nodes.forEach((node, password) -> {
			credentials.add(scram(KafkaAccess.usernameOf(node), password));
			acls.addAll(KafkaAccess.ofNode(node, partners.get(node)));
		});
		operators.forEach((username, password) -> {
			credentials.add(scram(username, password));
			acls.addAll(KafkaAccess.ofOperator(username));
		});
		try {
			admin.alterUserScramCredentials(credentials).all().get();
			admin.createAcls(acls).all().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not grant the exchange's principals their access", ex.getCause());
		}
	}

	/** Each of {@code nodes} with the nodes it has an agreement with. */
	public static Map<NodeId, Set<NodeId>> partners(Collection<NodeId> nodes,
			Collection<? extends Collection<NodeId>> agreements) {
		Map<NodeId, Set<NodeId>> partners = new TreeMap<>();
		nodes.forEach((node) -> partners.put(node, new TreeSet<>()));
		for (Collection<NodeId> parties : agreements) {
			for (NodeId party : parties) {
				Set<NodeId> itsPartners = partners.get(party);
				if (itsPartners != null) {
					parties.stream().filter((other) -> !other.equals(party)).forEach(itsPartners::add);
				}
			}
		}
		return partners;
	}

	private static UserScramCredentialUpsertion scram(String username, String password) {
		return new UserScramCredentialUpsertion(username,
				new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password);
	}

}
