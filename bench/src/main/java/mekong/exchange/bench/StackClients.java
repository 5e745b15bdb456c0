package mekong.exchange.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import mekong.exchange.core.access.KafkaAccess;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.registry.HttpSchemaRegistryClient;
import mekong.exchange.core.signing.KeyDirectory;
import mekong.exchange.core.signing.Signer;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.stack.LocalStack;

/**
 * What the harness holds of the running local stack, all of it what a partner system or
 * an operator could hold: the brokers' client settings (the administrator's, and a node's
 * own login with the password the stack keeps in its data folder), the nodes' signing
 * keys from the same folder, the registry (read only), the desk API with tokens from the
 * stack's identity provider, and the management ports. No bean of a node is read here.
 */
final class StackClients {

	static final NodeId SON_LA = NodeId.of("VN-05");

	static final NodeId HOUAPHAN = NodeId.of("LA-HO");

	/**
	 * The desk accounts of the local stack (README, "Try it against the local stack").
	 */
	private static final Map<NodeId, String[]> DESK_ACCOUNTS = Map.of(SON_LA, new String[] { "desk.vn05", "demo-vn05" },
			HOUAPHAN, new String[] { "desk.laho", "demo-laho" });

	/** A desk token lasts five minutes; the harness asks for a new one before that. */
	private static final Duration TOKEN_LIFE = Duration.ofMinutes(4);

	/** Where the stack keeps the Kafka passwords of its principals. */
	private static final String KAFKA_PASSWORDS = "kafka-users.properties";

	/** Where the stack keeps its nodes' signing keys. */
	private static final String SIGNING_KEYS = "signing-keys.properties";

	private final LocalStack stack;

	private final Path data;

	private final Properties kafkaPasswords;

	private final Properties signingKeys;

	private final HttpSchemaRegistryClient registry;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final Map<NodeId, Token> tokens = new ConcurrentHashMap<>();

	StackClients(LocalStack stack, Path data) {
		this.stack = stack;
		this.data = data;
		this.kafkaPasswords = load(data.resolve(KAFKA_PASSWORDS));
		this.signingKeys = load(data.resolve(SIGNING_KEYS));
		this.registry = new HttpSchemaRegistryClient(stack.registryUrl(), Duration.ofSeconds(10));
	}

	LocalStack stack() {
		return this.stack;
	}

	/** The stack's data folder: its brokers' logs, its nodes' state, its secrets. */
	Path data() {
		return this.data;
	}

	/** The broker {@code node} is on (the stack's only one, unless across a border). */
	LocalKafkaBroker brokerOf(NodeId node) {
		return this.stack.brokerOf(node.code());
	}

	/** The brokers of the stack, the Vietnamese one first. */
	List<LocalKafkaBroker> brokers() {
		List<LocalKafkaBroker> brokers = new ArrayList<>(List.of(this.stack.broker()));
		if (brokerOf(HOUAPHAN) != this.stack.broker()) {
			brokers.add(brokerOf(HOUAPHAN));
		}
		return brokers;
	}

	/**
	 * The administrator's client settings on the stack's (Vietnamese) broker: a super
	 * user, as the Kafka floor has always run.
	 */
	Map<String, Object> admin() {
		return new HashMap<>(this.stack.broker().adminSettings());
	}

	/** Client settings that log in to {@code node}'s broker as {@code node}. */
	Map<String, Object> loginOf(NodeId node) {
		String username = KafkaAccess.usernameOf(node);
		String password = this.kafkaPasswords.getProperty(username);
		if (password == null) {
			throw new IllegalStateException("The stack keeps no Kafka password of " + username + " in " + this.data);
		}
		return new HashMap<>(brokerOf(node).clientSettings(username, password));
	}

	/** What signs as {@code node}, with the key the stack made for it. */
	Signer signerOf(NodeId node) {
		return new Signer(key(node, "key-id"), key(node, "private-key"));
	}

	/** The public keys of every node of the stack, as each node trusts them. */
	KeyDirectory keyDirectory() {
		List<KeyDirectory.Entry> entries = new ArrayList<>();
		for (String name : this.signingKeys.stringPropertyNames()) {
			if (name.endsWith(".key-id")) {
				NodeId node = NodeId.of(name.substring(0, name.length() - ".key-id".length()));
				entries.add(new KeyDirectory.Entry(node, key(node, "key-id"), key(node, "public-key")));
			}
		}
		return new KeyDirectory(entries);
	}

	HttpSchemaRegistryClient registry() {
		return this.registry;
	}

	HttpClient http() {
		return this.http;
	}

	String deskUrl(NodeId node) {
		return this.stack.deskUrl(node.code());
	}

	String managementUrl(NodeId node) {
		return this.stack.managementUrl(node.code());
	}

	/** A bearer token of {@code node}'s desk account, a new one every few minutes. */
	String deskToken(NodeId node) {
		Token token = this.tokens.get(node);
		if (token == null || System.nanoTime() - token.madeAt() > TOKEN_LIFE.toNanos()) {
			token = newToken(node);
		}
		return token.value();
	}

	/** A new token, once the desk API refused the one held (401). */
	String newDeskToken(NodeId node) {
		return newToken(node).value();
	}

	private Token newToken(NodeId node) {
		String[] account = DESK_ACCOUNTS.get(node);
		if (account == null) {
			throw new IllegalArgumentException("The harness knows no desk account of " + node);
		}
		Token token = new Token(this.stack.deskToken(account[0], account[1]), System.nanoTime());
		this.tokens.put(node, token);
		return token;
	}

	/**
	 * Whether {@code node}'s inbox holds {@code alertId}, as its desk reads it: the
	 * entry's JSON, or null if there is none (404).
	 */
	String inboxEntry(NodeId node, Object alertId) throws IOException, InterruptedException {
		for (int attempt = 0; attempt < 2; attempt++) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(deskUrl(node) + "/api/v1/inbox/" + alertId))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + ((attempt == 0) ? deskToken(node) : newDeskToken(node)))
				.GET()
				.build();
			HttpResponse<String> answer = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			switch (answer.statusCode()) {
				case 200:
					return answer.body();
				case 404:
					return null;
				case 401:
					continue;
				default:
					throw new IOException("GET /api/v1/inbox/" + alertId + " at " + node + " answered HTTP "
							+ answer.statusCode() + ": " + answer.body());
			}
		}
		throw new IOException("The desk API of " + node + " refused two tokens in a row");
	}

	/** What {@code node}'s Prometheus endpoint shows now. */
	String prometheus(NodeId node) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl(node) + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		HttpResponse<String> answer = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IOException("The Prometheus endpoint of " + node + " answered HTTP " + answer.statusCode());
		}
		return answer.body();
	}

	private String key(NodeId node, String part) {
		String value = this.signingKeys.getProperty(node.code() + "." + part);
		if (value == null) {
			throw new IllegalStateException("The stack keeps no " + part + " of " + node + " in " + this.data);
		}
		return value;
	}

	private static Properties load(Path file) {
		Properties properties = new Properties();
		try (Reader in = Files.newBufferedReader(file)) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + file, ex);
		}
		return properties;
	}

	private record Token(String value, long madeAt) {
	}

}
