package mekong.exchange.boot.streams;

import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The instances of a node that run one of its Kafka Streams applications, each known by
 * where its desk API listens ({@code application.server}): which one holds an alert, and
 * which others hold a share of a store, so that a desk's query is answered the same on
 * any instance.
 * <p>
 * Not Spring Kafka's {@code KafkaStreamsInteractiveQueryService}: it answers a key no
 * instance holds during a rebalance with the host {@code unavailable:-1}, and an
 * application not started yet with an {@code IllegalArgumentException}, where a desk must
 * get 503 and try again.
 */
public final class NodeInstances {

	private final StreamsBuilderFactoryBean application;

	public NodeInstances(StreamsBuilderFactoryBean application) {
		this.application = application;
	}

	/**
	 * The instance that holds {@code key} in {@code store}, if it is not this one.
	 * @throws InvalidStateStoreException while nobody holds it (a rebalance)
	 */
	public Optional<HostInfo> holderElsewhere(String store, String key) {
		KeyQueryMetadata holder = kafkaStreams().queryMetadataForKey(store, key, Serdes.String().serializer());
		if (holder == null || KeyQueryMetadata.NOT_AVAILABLE.equals(holder)) {
			throw new InvalidStateStoreException("No instance holds " + key + " in " + store + " yet");
		}
		return holder.activeHost().equals(self()) ? Optional.empty() : Optional.of(holder.activeHost());
	}

	/** The other instances that hold a share of {@code store}. */
	public List<HostInfo> othersHolding(String store) {
		HostInfo self = self();
		return kafkaStreams().streamsMetadataForStore(store)
			.stream()
			.map(StreamsMetadata::hostInfo)
			.filter((host) -> !host.equals(self))
			.distinct()
			.toList();
	}

	private HostInfo self() {
		String server = this.application.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG);
		if (server == null) {
			throw new InvalidStateStoreException("The desk API has not started yet");
		}
		return HostInfo.buildFromEndpoint(server);
	}

	private KafkaStreams kafkaStreams() {
		return NodeStreams.started(this.application);
	}

}
