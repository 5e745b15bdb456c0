package mekong.exchange.consumer.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.core.names.PersonMatcher;
import mekong.exchange.core.names.PersonName;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Service;

/**
 * What a desk asks of the inbox, answered from the view's state stores: an entry by id, a
 * page of a list, the persons possibly reported by others, a search by name. Each costs
 * what it returns (and, for lists, a page per partition), not the size of the inbox.
 */
@Service
public class InboxQueries {

	private final StreamsBuilderFactoryBean streams;

	private final InboxWatchers watchers;

	private final String history;

	InboxQueries(StreamsBuilderFactoryBean consumerStreams, InboxWatchers watchers, NodeProperties node) {
		this.streams = consumerStreams;
		this.watchers = watchers;
		this.history = Topics.received(node.id()).name();
	}

	/** A page of a list and where the next one starts, if there is more. */
	record Page(List<InboxEntry> entries, InboxIndex.Cursor next) {
	}

	public Optional<InboxEntry> find(UUID alertId) {
		return Optional.ofNullable(entries().get(alertId.toString())).filter(InboxEntry::received);
	}

	/**
	 * Up to {@code limit} entries of {@code filter}'s list, newest taken first: taken at
	 * or after {@code since} if given, after {@code after} if given.
	 */
	Page page(InboxIndex.Filter filter, Instant since, InboxIndex.Cursor after, int limit) {
		InboxIndex.Range range = InboxIndex.timeRange(filter, since, after);
		List<Bytes> newest = new ArrayList<>();
		for (ReadOnlyKeyValueStore<Bytes, byte[]> partition : this.<Bytes, byte[]>partitionsOf(InboxView.BY_TIME)) {
			try (KeyValueIterator<Bytes, byte[]> keys = partition.range(range.from(), range.to())) {
				for (int taken = 0; taken <= limit && keys.hasNext(); taken++) {
					newest.add(keys.next().key);
				}
			}
		}
		newest.sort(Comparator.naturalOrder());
		List<InboxEntry> page = new ArrayList<>();
		ReadOnlyKeyValueStore<String, InboxEntry> entries = entries();
		for (Bytes key : newest.subList(0, Math.min(limit, newest.size()))) {
			InboxEntry entry = entries.get(InboxIndex.alertIdOf(key).toString());
			if (entry != null && entry.received()) {
				page.add(entry);
			}
		}
		InboxIndex.Cursor next = (newest.size() > limit) ? cursorOf(newest.get(limit - 1)) : null;
		return new Page(page, next);
	}

	/**
	 * The entries naming a person possibly the same as {@code name}, newest taken first;
	 * whatever the script, diacritics or word order either is written in.
	 */
	List<InboxEntry> named(String name, int limit) {
		PersonMatcher.Profile wanted = PersonMatcher.profile(new PersonName(name, null, List.of(), null));
		return candidates(wanted).values()
			.stream()
			.filter((
					entry) -> entry.persons().stream().anyMatch((person) -> PersonMatcher.possiblySame(wanted, person)))
			.sorted(Comparator.comparing(InboxEntry::receivedAt).reversed())
			.limit(limit)
			.toList();
	}

	/**
	 * The persons of {@code entry} who are possibly the same as persons named in alerts
	 * from other origins.
	 */
	List<PersonLink> linksOf(InboxEntry entry) {
		List<PersonLink> links = new ArrayList<>();
		for (PersonMatcher.Profile person : entry.persons()) {
			for (InboxEntry other : candidates(person).values()) {
				if (other.origin().equals(entry.origin())) {
					continue;
				}
				for (PersonMatcher.Profile otherPerson : other.persons()) {
					if (PersonMatcher.possiblySame(person, otherPerson)) {
						links.add(new PersonLink(person.person().fullName(), otherPerson.person().fullName(),
								other.alert().getAlertId(), other.origin().code()));
					}
				}
			}
		}
		return links;
	}

	/**
	 * Waits until the view holds {@code ack}, so that a desk that answered reads its
	 * answer; gives up after {@code seconds}, since the answer is written either way.
	 */
	boolean awaitAnswer(Acknowledgement ack, long seconds) {
		CompletableFuture<Void> seen = new CompletableFuture<>();
		Runnable stop = this.watchers.watch((alertId) -> {
			if (alertId.equals(ack.getAlertId()) && holds(ack)) {
				seen.complete(null);
			}
		});
		try {
			if (holds(ack)) {
				return true;
			}
			seen.get(seconds, TimeUnit.SECONDS);
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			stop.run();
		}
	}

	private boolean holds(Acknowledgement ack) {
		InboxEntry entry = entries().get(ack.getAlertId().toString());
		return entry != null && entry.deskAcks().contains(ack);
	}

	/** The received entries indexed under any lookup key of {@code person}, by id. */
	private Map<UUID, InboxEntry> candidates(PersonMatcher.Profile person) {
		Set<UUID> ids = new LinkedHashSet<>();
		ReadOnlyKeyValueStore<Bytes, byte[]> byName = store(InboxView.BY_NAME);
		for (String lookup : PersonMatcher.lookupKeys(person)) {
			InboxIndex.Range range = InboxIndex.nameRange(lookup);
			try (KeyValueIterator<Bytes, byte[]> keys = byName.range(range.from(), range.to())) {
				keys.forEachRemaining((KeyValue<Bytes, byte[]> key) -> ids.add(InboxIndex.alertIdOf(key.key)));
			}
		}
		Map<UUID, InboxEntry> found = new LinkedHashMap<>();
		ReadOnlyKeyValueStore<String, InboxEntry> entries = entries();
		for (UUID id : ids) {
			InboxEntry entry = entries.get(id.toString());
			if (entry != null && entry.received()) {
				found.put(id, entry);
			}
		}
		return found;
	}

	private static InboxIndex.Cursor cursorOf(Bytes key) {
		return new InboxIndex.Cursor(InboxIndex.receivedAtOf(key), InboxIndex.alertIdOf(key));
	}

	private ReadOnlyKeyValueStore<String, InboxEntry> entries() {
		return store(InboxView.ENTRIES);
	}

	private <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
		return kafkaStreams().store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
	}

	/**
	 * The store {@code name} of each partition of the inbox's history this instance
	 * holds.
	 */
	private <K, V> List<ReadOnlyKeyValueStore<K, V>> partitionsOf(String name) {
		KafkaStreams streams = kafkaStreams();
		return streams.metadataForLocalThreads()
			.stream()
			.flatMap((thread) -> thread.activeTasks().stream())
			.flatMap((task) -> task.topicPartitions().stream())
			.filter((partition) -> partition.topic().equals(this.history))
			.map((partition) -> streams.<ReadOnlyKeyValueStore<K, V>>store(
					StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore())
						.withPartition(partition.partition())))
			.toList();
	}

	private KafkaStreams kafkaStreams() {
		KafkaStreams streams = this.streams.getKafkaStreams();
		if (streams == null) {
			throw new InvalidStateStoreException("The inbox is not open yet");
		}
		return streams;
	}

}
