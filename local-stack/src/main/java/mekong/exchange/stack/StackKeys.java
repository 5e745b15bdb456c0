package mekong.exchange.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.signing.NodeKey;

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
		Path file = data.resolve(FILE);
		try {
			Properties stored = new Properties();
			if (Files.exists(file)) {
				try (Reader in = Files.newBufferedReader(file)) {
					stored.load(in);
				}
			}
			List<NodeKey> keys = new ArrayList<>();
			boolean added = false;
			for (String node : nodes) {
				if (stored.getProperty(node + ".key-id") == null) {
					NodeKey key = NodeKey.generate(NodeId.of(node), "local");
					stored.setProperty(node + ".key-id", key.keyId());
					stored.setProperty(node + ".private-key", key.privateKey());
					stored.setProperty(node + ".public-key", key.publicKey());
					added = true;
				}
				keys.add(new NodeKey(NodeId.of(node), stored.getProperty(node + ".key-id"),
						stored.getProperty(node + ".private-key"), stored.getProperty(node + ".public-key")));
			}
			if (added) {
				Files.deleteIfExists(file);
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				try (Writer out = Files.newBufferedWriter(file)) {
					stored.store(out, "Signing keys of the local stack's nodes; never copy them to the repository");
				}
			}
			return new StackKeys(keys);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or write the signing keys in " + file, ex);
		}
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
