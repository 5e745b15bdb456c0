package mekong.exchange.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import mekong.exchange.infra.ChildProcess;
import org.apache.kafka.clients.admin.Admin;

/**
 * A broker service of the compose file ({@code kafka-vn}, {@code kafka-la}) without
 * Docker: what the {@code apache/kafka} image does when it starts, with Kafka's own
 * classes, each step in a JVM of its own with exactly the service's environment. First
 * {@code KafkaDockerWrapper setup} turns the {@code KAFKA_*} variables into
 * {@code server.properties} and formats the log directory with {@code CLUSTER_ID}; then
 * {@code kafka.Kafka} (what {@code kafka-server-start.sh} runs) serves with those
 * settings.
 */
final class ComposeKafka implements AutoCloseable {

	private final ChildProcess broker;

	private ComposeKafka(ChildProcess broker) {
		this.broker = broker;
	}

	/**
	 * Sets up and starts the broker, and waits until {@code admin} can describe the
	 * cluster.
	 * @param service the broker's service name, for its logs
	 * @param folder where its settings go
	 * @param admin settings of a client that logs in as the administrator
	 */
	static ComposeKafka start(String service, Map<String, String> environment, Path folder, Path logs,
			Map<String, Object> admin, Duration timeout) throws IOException {
		Path defaults = Files.createDirectories(folder.resolve("defaults"));
		Path mounted = Files.createDirectories(folder.resolve("mounted"));
		Path settings = Files.createDirectories(folder.resolve("config"));
		ChildProcess.run(service + " set-up",
				kafkaCommand(environment, "kafka.docker.KafkaDockerWrapper", "setup", "--default-configs-dir",
						defaults.toString(), "--mounted-configs-dir", mounted.toString(), "--final-configs-dir",
						settings.toString()),
				logs.resolve(service + "-setup.log"), timeout);
		try (Admin client = Admin.create(admin)) {
			return new ComposeKafka(ChildProcess.start(service,
					kafkaCommand(environment, "kafka.Kafka", settings.resolve("server.properties").toString()),
					logs.resolve(service + ".log"), () -> describes(client), timeout));
		}
	}

	private static ProcessBuilder kafkaCommand(Map<String, String> environment, String main, String... arguments) {
		ProcessBuilder command = new ProcessBuilder(ChildProcess.javaExecutable(), "-Xmx512m", "-cp",
				System.getProperty("java.class.path"), main);
		command.command().addAll(List.of(arguments));
		command.environment().clear();
		command.environment().putAll(environment);
		return command;
	}

	private static boolean describes(Admin admin) throws InterruptedException {
		try {
			return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
		}
		catch (ExecutionException | TimeoutException notYet) {
			return false;
		}
	}

	@Override
	public void close() {
		this.broker.close();
	}

}
