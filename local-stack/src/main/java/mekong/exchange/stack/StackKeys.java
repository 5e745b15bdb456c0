package mekong.exchange.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.signing.NodeKey;
import mekong.exchange.infra.SecretsFile;

/**
 * The signing keys of the local stack's nodes: made on its first start and kept in its
 * data folder (readable by its owner only), never in the repository. Each node signs with
 * its own key and lists both in its key directory.
 */
final class StackKeys {

	private static final String FILE = "signing-keys.properties";

	private final List<NodeKey> keys;

	private StackKeys(List<NodeKey> keys) {
		this.keys = keys;
	}

	static StackKeys loadOrCreate(Path data, List<String> nodes) {
		SecretsFile stored = SecretsFile.at(data.resolve(FILE),
				"Signing keys of the local stack's nodes; never copy them to the repository");
		List<NodeKey> keys = new ArrayList<>();
		for (String node : nodes) {
			if (stored.find(node + ".key-id") == null) {
				NodeKey key = NodeKey.generate(NodeId.of(node), "local");
				stored.putAll(Map.of(node + ".key-id", key.keyId(), node + ".private-key", key.privateKey(),
						node + ".public-key", key.publicKey()));
			}
			keys.add(new NodeKey(NodeId.of(node), stored.find(node + ".key-id"), stored.find(node + ".private-key"),
					stored.find(node + ".public-key")));
		}
		return new StackKeys(keys);
	}

	/**
	 * The settings that give {@code node} its key and the directory of the stack's keys.
	 */
	List<String> argumentsFor(String node) {
		List<String> arguments = new ArrayList<>();
		for (int i = 0; i < this.keys.size(); i++) {
			NodeKey key = this.keys.get(i);
			if (key.node().code().equals(node)) {
				arguments.add("--mekong.signing.key-id=" + key.keyId());
				arguments.add("--mekong.signing.private-key=" + key.privateKey());
			}
			arguments.add("--mekong.signing.directory[" + i + "].node=" + key.node());
			arguments.add("--mekong.signing.directory[" + i + "].key-id=" + key.keyId());
			arguments.add("--mekong.signing.directory[" + i + "].public-key=" + key.publicKey());
		}
		return arguments;
	}

}
