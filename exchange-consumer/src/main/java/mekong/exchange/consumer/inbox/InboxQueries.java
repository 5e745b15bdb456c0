package mekong.exchange.consumer.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.state.InboxHead;
import mekong.exchange.avro.state.RevisionSummary;
import mekong.exchange.boot.forwarding.AlertHolders;
import mekong.exchange.boot.names.NameIndex;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.boot.streams.LocalStores;
import mekong.exchange.boot.streams.NodeInstances;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.names.PersonMatcher;
import mekong.exchange.core.names.PersonName;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Service;

/**
 * What a desk asks of the inbox, answered from the receiving side's state stores as its
 * transactions committed them: an entry by id, a page of a list, the persons possibly
 * reported by others, a search by name. Each costs what it returns (and, for lists, a
 * page per partition), not the size of the inbox.
 */
@Service
public class InboxQueries implements AlertHolders {

	/**
	 * Links shown per person of an entry and per partner that reported a possibly same
	 * one.
	 */
	static final int LINKS = 20;

	/** The newest answers shown with an entry. */
	static final int ANSWERS_SHOWN = 100;

	private final LocalStores stores;

	private final NodeInstances instances;

	private final InboxWatchers watchers;

	private final String inbox;

	private final Set<NodeId> partners;

	InboxQueries(@Qualifier("&consumerStreams") StreamsBuilderFactoryBean consumerStreams, InboxWatchers watchers,
			NodeProperties node, AgreementBook agreements) {
		this.stores = new LocalStores(consumerStreams);
		this.instances = new NodeInstances(consumerStreams);
		this.watchers = watchers;
		this.inbox = Topics.inbox(node.id()).name();
		this.partners = agreements.partnersOf(node.id());
	}

	/** A page of a list and where the next one starts, if there is more. */
	record Page(List<InboxEntry> entries, InboxIndex.Cursor next) {
	}

	@Override
	public Optional<HostInfo> holderElsewhere(UUID alertId) {
		return this.instances.holderElsewhere(InboxStores.HEADS, alertId.toString());
	}

	/** The other instances of the node, each holding a share of the inbox. */
	List<HostInfo> otherInstances() {
		return this.instances.othersHolding(InboxStores.HEADS);
	}

	/** The head of {@code alertId}, erased or not, if the inbox holds it. */
	public Optional<InboxHead> head(UUID alertId) {
		return Optional.ofNullable(heads().get(alertId.toString()));
	}

	/**
	 * The entry of {@code alertId} with every revision taken and the newest answers, if
	 * the inbox keeps it (not erased).
	 */
	public Optional<InboxEntry> find(UUID alertId) {
		InboxHead head = heads().get(alertId.toString());
		Alert alert = (head != null && head.getErasedAt() == null) ? content(alertId) : null;
		if (alert == null || alert.getRevision() != head.getRevision()) {
			return Optional.empty();
		}
		List<RevisionSummary> revisions = new ArrayList<>();
		try (KeyValueIterator<Bytes, RevisionSummary> parts = this.stores
			.<Bytes, RevisionSummary>store(InboxStores.REVISIONS)
			.range(AlertIds.part(alertId, 0), AlertIds.part(alertId, head.getRevision()))) {
			parts.forEachRemaining((part) -> revisions.add(part.value));
		}
		List<Acknowledgement> answers = new ArrayList<>();
		if (head.getAnswers() > 0) {
			try (KeyValueIterator<Bytes, Acknowledgement> parts = this.stores
				.<Bytes, Acknowledgement>store(InboxStores.ANSWERS)
				.range(AlertIds.part(alertId, Math.max(0, head.getAnswers() - ANSWERS_SHOWN)),
						AlertIds.part(alertId, head.getAnswers() - 1))) {
				parts.forEachRemaining((part) -> answers.add(part.value));
			}
		}
		return Optional.of(new InboxEntry(head, alert, revisions, answers));
	}

	/**
	 * The entry of a list, if the inbox keeps it and its newest revision is committed.
	 */
	private InboxEntry listed(ReadOnlyKeyValueStore<String, InboxHead> heads, UUID alertId) {
		InboxHead head = heads.get(alertId.toString());
		Alert alert = (head != null && head.getErasedAt() == null) ? content(alertId) : null;
		return (alert != null && alert.getRevision() == head.getRevision()) ? InboxEntry.listed(head, alert) : null;
	}

	/**
	 * Up to {@code limit} entries of {@code filter}'s list, newest taken first: taken at
	 * or after {@code since} if given, after {@code after} if given.
	 */
	Page page(InboxIndex.Filter filter, Instant since, InboxIndex.Cursor after, int limit) {
		List<Bytes> newest = new ArrayList<>();
		for (ReadOnlyKeyValueStore<Bytes, byte[]> partition : indexOf(InboxStores.BY_TIME)) {
			for (InboxIndex.Range range : InboxIndex.timeRanges(filter, since, after)) {
				try (KeyValueIterator<Bytes, byte[]> keys = partition.range(range.from(), range.to())) {
					for (int taken = 0; taken <= limit && keys.hasNext(); taken++) {
						newest.add(keys.next().key);
					}
				}
			}
		}
		newest.sort(InboxIndex::newestFirst);
		List<InboxEntry> page = new ArrayList<>();
		ReadOnlyKeyValueStore<String, InboxHead> heads = heads();
		for (Bytes key : newest.subList(0, Math.min(limit, newest.size()))) {
			InboxEntry entry = listed(heads, InboxIndex.alertIdOf(key));
			if (entry != null) {
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
		List<Match> matches = new ArrayList<>();
		for (NodeId origin : this.partners) {
			matches.addAll(matches(wanted, origin, limit));
		}
		ReadOnlyKeyValueStore<String, InboxHead> heads = heads();
		return matches.stream()
			.sorted(Comparator.comparing(Match::receivedAt).reversed())
			.map(Match::alertId)
			.distinct()
			.limit(limit)
			.map((alertId) -> listed(heads, alertId))
			.filter(Objects::nonNull)
			.toList();
	}

	/**
	 * What to look up for the links of {@code entry}: each person it names, in the alerts
	 * of each other origin.
	 */
	List<Lookup> lookupsOf(InboxEntry entry) {
		List<Lookup> lookups = new ArrayList<>();
		for (PersonName person : entry.persons()) {
			for (NodeId origin : this.partners) {
				if (!origin.equals(entry.origin())) {
					lookups.add(new Lookup(person, origin.code()));
				}
			}
		}
		return lookups;
	}

	/**
	 * The links of the {@code lookups} of an entry, from their {@code matches}, as many
	 * lists, in the same order.
	 */
	static List<PersonLink> linksOf(List<Lookup> lookups, List<List<Match>> matches) {
		List<PersonLink> links = new ArrayList<>();
		for (int i = 0; i < lookups.size(); i++) {
			Lookup lookup = lookups.get(i);
			for (Match match : matches.get(i)) {
				links.add(new PersonLink(lookup.person().fullName(), match.person().fullName(), match.alertId(),
						lookup.origin()));
			}
		}
		return links;
	}

	/**
	 * This instance's matches of each lookup: for each, the newest {@value #LINKS} alerts
	 * of its origin that name a possibly same person, from this instance's share of the
	 * name index.
	 */
	List<List<Match>> matches(List<Lookup> lookups) {
		return lookups.stream()
			.map((lookup) -> matches(PersonMatcher.profile(lookup.person()), NodeId.of(lookup.origin()), LINKS))
			.toList();
	}

	/**
	 * The matches of each lookup from every instance's share: for each, the newest
	 * {@value #LINKS}.
	 */
	static List<List<Match>> merged(List<List<List<Match>>> shares, int lookups) {
		List<List<Match>> merged = new ArrayList<>();
		for (int i = 0; i < lookups; i++) {
			Map<UUID, Match> found = new LinkedHashMap<>();
			for (List<List<Match>> share : shares) {
				share.get(i).forEach((match) -> found.putIfAbsent(match.alertId(), match));
			}
			merged.add(found.values()
				.stream()
				.sorted(Comparator.comparing(Match::receivedAt).reversed())
				.limit(LINKS)
				.toList());
		}
		return merged;
	}

	/**
	 * Waits until the inbox holds {@code ack}, committed, so that a desk that answered
	 * reads its answer; gives up after {@code timeout}, since the answer is written
	 * either way.
	 * @param answersBefore how many answers the entry had before this one was written
	 */
	boolean awaitAnswer(Acknowledgement ack, int answersBefore, Duration timeout) {
		return this.watchers.await(ack.getAlertId(), () -> holds(ack, answersBefore), timeout);
	}

	private boolean holds(Acknowledgement ack, int answersBefore) {
		InboxHead head = heads().get(ack.getAlertId().toString());
		if (head == null || head.getAnswers() <= answersBefore) {
			return false;
		}
		try (KeyValueIterator<Bytes, Acknowledgement> parts = this.stores
			.<Bytes, Acknowledgement>store(InboxStores.ANSWERS)
			.range(AlertIds.part(ack.getAlertId(), answersBefore),
					AlertIds.part(ack.getAlertId(), head.getAnswers() - 1))) {
			while (parts.hasNext()) {
				if (parts.next().value.equals(ack)) {
					return true;
				}
			}
		}
		return false;
	}

	/** How many answers {@code desk} gave to {@code alertId}. */
	int answersBy(UUID alertId, String desk) {
		Integer given = this.stores.<Bytes, Integer>store(InboxStores.ANSWER_COUNTS).get(AlertIds.part(alertId, desk));
		return (given != null) ? given : 0;
	}

	/**
	 * Persons reported by {@code origin} possibly the same as {@code person}, up to
	 * {@code limit} alerts, newest taken first, from this instance's share of the name
	 * index ({@link NameIndex#matches}).
	 */
	private List<Match> matches(PersonMatcher.Profile person, NodeId origin, int limit) {
		return NameIndex.matches(indexOf(InboxStores.BY_NAME), person, origin, limit)
			.stream()
			.map((match) -> new Match(match.alertId(), match.at(), match.person()))
			.toList();
	}

	/** A person to look for in the alerts of one origin. */
	record Lookup(PersonName person, String origin) {
	}

	/** A person in an alert of the inbox, as the name index holds it. */
	record Match(UUID alertId, Instant receivedAt, PersonName person) {
	}

	private static InboxIndex.Cursor cursorOf(Bytes key) {
		return new InboxIndex.Cursor(InboxIndex.receivedAtOf(key), InboxIndex.alertIdOf(key));
	}

	private ReadOnlyKeyValueStore<String, InboxHead> heads() {
		return this.stores.store(InboxStores.HEADS);
	}

	private Alert content(UUID alertId) {
		return this.stores.<String, Alert>store(InboxStores.CONTENT).get(alertId.toString());
	}

	private List<ReadOnlyKeyValueStore<Bytes, byte[]>> indexOf(String name) {
		return this.stores.indexOf(name, InboxStores.GENERATION, InboxStores.EXPIRY, this.inbox);
	}

}
