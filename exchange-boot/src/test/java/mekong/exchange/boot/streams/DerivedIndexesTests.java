package mekong.exchange.boot.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view's indexes are rebuilt from its stores when they are not of its logged
 * generation, or were derived by another version of its keys, and only then.
 */
class DerivedIndexesTests {

	private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();

	private KeyValueStore<String, Long> generation;

	private KeyValueStore<Bytes, byte[]> byName;

	private KeyValueStore<String, String> names;

	@BeforeEach
	void stores() {
		this.generation = Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("generation"), Serdes.String(), Serdes.Long())
			.withLoggingDisabled()
			.build();
		this.byName = Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("by-name"), Serdes.Bytes(), Serdes.ByteArray())
			.withLoggingDisabled()
			.build();
		this.names = Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("names"), Serdes.String(), Serdes.String())
			.withLoggingDisabled()
			.build();
		for (KeyValueStore<?, ?> store : List.of(this.generation, this.byName, this.names)) {
			store.init(this.context.getStateStoreContext(), store);
		}
		this.names.put("alert-1", "Sok Samnang");
	}

	@Test
	void aRestartWithTheSameKeysRebuildsNothing() {
		assertThat(rebuiltWith("2")).as("first start").isTrue();
		this.byName.put(key("left by the first start"), new byte[0]);

		assertThat(rebuiltWith("2")).as("restart").isFalse();
		assertThat(this.byName.get(key("left by the first start"))).isNotNull();
	}

	@Test
	void keysDerivedAnotherWayAreRebuiltOnce() {
		rebuiltWith("1");
		this.byName.put(key("an outline of version 1"), new byte[0]);

		assertThat(rebuiltWith("2")).as("after the upgrade").isTrue();
		assertThat(this.byName.get(key("an outline of version 1"))).isNull();
		assertThat(this.byName.get(key("Sok Samnang"))).isNotNull();
		assertThat(rebuiltWith("2")).as("the restart after").isFalse();
	}

	/**
	 * Opens the indexes as a task does and runs the rebuild, if one starts; whether one
	 * did: each logs a new generation.
	 */
	private boolean rebuiltWith(String keysVersion) {
		List<Long> before = generations();
		DerivedIndexes indexes = new DerivedIndexes(this.generation, List.of(this.byName), keysVersion);
		indexes.check(this.names, (alertId, name) -> this.byName.put(key(name), new byte[0]));
		while (!indexes.ready()) {
			indexes.rebuild(this.names, (alertId, name) -> this.byName.put(key(name), new byte[0]),
					UpkeepStep.lasting(Duration.ofSeconds(1)));
		}
		return !generations().equals(before);
	}

	private List<Long> generations() {
		try (KeyValueIterator<String, Long> all = this.generation.all()) {
			List<Long> logged = new ArrayList<>();
			all.forEachRemaining((entry) -> logged.add(entry.value));
			return logged;
		}
	}

	private static Bytes key(String text) {
		return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
