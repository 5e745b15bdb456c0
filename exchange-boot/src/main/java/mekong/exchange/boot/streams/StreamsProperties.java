package mekong.exchange.boot.streams;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the sides of a node run on Kafka Streams.
 *
 * @param stateDir where the node instance keeps its state stores (RocksDB); keep it on a
 * persistent volume, one per instance: a restart then reads only the tail of the
 * changelogs instead of restoring them whole
 * @param threads stream threads of this instance; each takes a share of the partitions
 * @param commitInterval how often a task commits its transaction: what it wrote becomes
 * visible to partners and desks only then
 * @param settleInterval how often a task makes what it committed visible to desks (a
 * desk's POST answers then), and the longest an idle stream thread waits for records
 * before it looks at the clock ({@code poll.ms})
 * @param upkeepStep the longest a task's upkeep (an index rebuild, an erasure, an
 * escalation check) holds the task's stream thread at a time ({@link UpkeepStep}); what
 * is left goes on at the next look
 * @param retryInterval pause before the work resumes after a failure that is not a
 * record's fault (a registry or broker outage)
 * @param stateMemory off-heap memory all the instance's state stores share (RocksDB block
 * cache, memtables included)
 * @param advertisedHost the host name other instances of the node reach this one's desk
 * API at (with its port), to forward a desk's query to the instance that holds the alert
 * @param producer how the applications' producers batch and retry
 */
@ConfigurationProperties("mekong.streams")
@Validated
public record StreamsProperties(@NotNull Path stateDir, @Min(1) int threads, @NotNull Duration commitInterval,
		@NotNull Duration settleInterval, @NotNull Duration upkeepStep, @NotNull Duration retryInterval,
		@NotNull DataSize stateMemory, @NotBlank String advertisedHost, @Valid @NotNull Producer producer) {

	/**
	 * The producer settings of the applications that matter for throughput and latency
	 * (Kafka Streams' own producer does not read {@code spring.kafka.producer}).
	 *
	 * @param linger how long a record waits for others to share its request; every commit
	 * sends what waits, so up to the commit interval it delays nothing a reader can see
	 * @param batchSize the largest batch per partition
	 * @param retryBackoff the wait before a request is retried: a task's next transaction
	 * often finds the previous one still completing, and Kafka's default of 100 ms is
	 * felt at every commit
	 */
	public record Producer(@NotNull Duration linger, @NotNull DataSize batchSize, @NotNull Duration retryBackoff) {
	}

}
