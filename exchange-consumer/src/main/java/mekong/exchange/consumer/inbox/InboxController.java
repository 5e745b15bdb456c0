package mekong.exchange.consumer.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import mekong.exchange.avro.AccessKind;
import mekong.exchange.avro.Category;
import mekong.exchange.avro.Priority;
import mekong.exchange.avro.state.InboxHead;
import mekong.exchange.boot.forwarding.HeldBy;
import mekong.exchange.boot.forwarding.InstanceForwarding;
import mekong.exchange.boot.problems.Problems;
import mekong.exchange.boot.reads.ReadLog;
import mekong.exchange.boot.security.Desk;
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.core.json.AvroJson;
import org.apache.kafka.streams.state.HostInfo;
import tools.jackson.core.type.TypeReference;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The node's inbox for its desks: what partners sent, and the desks' answers. With
 * several instances of the node, each holds a share of the inbox: a call about one alert
 * is passed on to the instance that holds it, and a list gathers a page from each.
 */
@RestController
@RequestMapping("/api/v1/inbox")
@Validated
class InboxController {

	/**
	 * The order of every list of the inbox: newest taken first, then by alert id as the
	 * index orders them.
	 */
	private static final Comparator<InboxEntryView> NEWEST_TAKEN_FIRST = Comparator
		.comparing(InboxEntryView::receivedAt)
		.reversed()
		.thenComparing(InboxEntryView::alertId, AlertIds::compare);

	static final int MOST_NAMES_ON_RECORD = 1000;

	private final InboxQueries inbox;

	private final DeskAnswers answers;

	private final InstanceForwarding forwarding;

	private final ReadLog reads;

	InboxController(InboxQueries inbox, DeskAnswers answers, InstanceForwarding forwarding, ReadLog reads) {
		this.inbox = inbox;
		this.answers = answers;
		this.forwarding = forwarding;
		this.reads = reads;
	}

	/**
	 * A page of the inbox, newest taken first: the active entries (the default), the
	 * cancelled ones or all, of one category or priority if asked, taken at or after
	 * {@code since} if given; or, with {@code name}, the entries naming a person possibly
	 * the same, whatever the script, diacritics or word order. When there is more, a
	 * {@code Link} header ({@code rel="next"}) gives the next page, which starts after
	 * {@code after}.
	 */
	@GetMapping
	ResponseEntity<List<InboxEntryView>> list(@RequestParam(required = false) Category category,
			@RequestParam(required = false) Priority priority, @RequestParam(required = false) Instant since,
			@RequestParam(defaultValue = "ACTIVE") InboxIndex.State state,
			@RequestParam(required = false) @Size(min = 1, max = 200) String name,
			@RequestParam(required = false) InboxIndex.Cursor after,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit, HttpServletRequest call,
			@AuthenticationPrincipal Desk desk) {
		List<InboxEntryView> views;
		boolean more;
		if (name != null) {
			views = views(this.inbox.named(name, limit)
				.stream()
				.filter((entry) -> (category == null || entry.head().getCategory() == category)
						&& (priority == null || entry.head().getPriority() == priority)
						&& (since == null || !entry.receivedAt().isBefore(since))
						&& (state == InboxIndex.State.ALL
								|| entry.cancelled() == (state == InboxIndex.State.CANCELLED)))
				.toList(), desk);
			more = false;
		}
		else {
			InboxQueries.Page page = this.inbox.page(new InboxIndex.Filter(state, category, priority), since, after,
					limit);
			views = views(page.entries(), desk);
			more = page.next() != null;
		}
		List<String> read = views.stream().map((view) -> view.alertId().toString()).toList();
		if (name != null) {
			this.reads.searched(desk, AccessKind.INBOX_SEARCH, name, read);
		}
		else {
			this.reads.read(desk, AccessKind.INBOX_LIST, read);
		}
		if (!InstanceForwarding.answersHereOnly(call)) {
			InstanceForwarding.Gathered<InboxEntryView> gathered = this.forwarding.gather(views, more,
					this.inbox.otherInstances(), call, null, new TypeReference<>() {
					}, NEWEST_TAKEN_FIRST, limit);
			views = gathered.entries();
			more = gathered.more();
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (more && name == null && !views.isEmpty()) {
			InboxEntryView last = views.get(views.size() - 1);
			String next = ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("after", new InboxIndex.Cursor(last.receivedAt(), last.alertId()).toString())
				.build()
				.toUriString();
			response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
		}
		return response.body(views);
	}

	@GetMapping("/{alertId}")
	@HeldBy(InboxQueries.class)
	ResponseEntity<?> one(@PathVariable UUID alertId, @AuthenticationPrincipal Desk desk) {
		InboxEntryView view = views(List.of(entry(alertId)), desk).get(0);
		this.reads.read(desk, AccessKind.INBOX_ENTRY, List.of(alertId.toString()));
		return ResponseEntity.ok(view);
	}

	@PostMapping("/{alertId}/acks")
	@HeldBy(InboxQueries.class)
	ResponseEntity<?> acknowledge(@PathVariable UUID alertId, @Valid @RequestBody DeskAckRequest request,
			@AuthenticationPrincipal Desk desk) {
		InboxEntry entry = entry(alertId);
		if (request.revision() != null && request.revision() != entry.head().getRevision()) {
			ErrorResponseException newer = Problems.problem(HttpStatus.CONFLICT, "Newer revision in the inbox",
					"Revision " + request.revision() + " is not the current one: revision " + entry.head().getRevision()
							+ " is in the inbox; read it before answering");
			newer.getBody().setProperty("currentRevision", entry.head().getRevision());
			throw newer;
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(AvroJson.toMap(this.answers.answer(entry, request, desk)));
	}

	/**
	 * The persons this instance holds alerts about, for the links of the entries another
	 * instance shows. A desk may call it too: what it answers is put on record as a
	 * search for the names looked up.
	 */
	@PostMapping("/person-matches")
	List<List<InboxQueries.Match>> personMatches(@RequestBody List<InboxQueries.Lookup> lookups,
			@AuthenticationPrincipal Desk desk) {
		List<List<InboxQueries.Match>> matches = this.inbox.matches(lookups);
		List<String> read = matches.stream()
			.flatMap(List::stream)
			.map((match) -> match.alertId().toString())
			.distinct()
			.toList();
		if (!read.isEmpty()) {
			this.reads.searched(desk, AccessKind.INBOX_SEARCH, namesOf(lookups), read);
		}
		return matches;
	}

	/**
	 * The names looked up, as the record of a search holds them: at most
	 * {@value #MOST_NAMES_ON_RECORD} characters.
	 */
	private static String namesOf(List<InboxQueries.Lookup> lookups) {
		String names = lookups.stream()
			.map((lookup) -> lookup.person().fullName())
			.distinct()
			.collect(Collectors.joining("; "));
		return (names.length() <= MOST_NAMES_ON_RECORD) ? names : names.substring(0, MOST_NAMES_ON_RECORD) + "…";
	}

	/**
	 * The views of {@code entries}, each with the persons possibly reported by others in
	 * the whole inbox: this instance's share of the name index and, in one call each, the
	 * other instances'.
	 */
	private List<InboxEntryView> views(List<InboxEntry> entries, Desk desk) {
		List<List<InboxQueries.Lookup>> lookupsOfEntries = entries.stream().map(this.inbox::lookupsOf).toList();
		// A page names the same persons again and again (a wanted man in many alerts):
		// each is looked up once.
		List<InboxQueries.Lookup> lookups = lookupsOfEntries.stream().flatMap(List::stream).distinct().toList();
		List<List<List<InboxQueries.Match>>> shares = new ArrayList<>();
		shares.add(this.inbox.matches(lookups));
		if (!lookups.isEmpty()) {
			for (HostInfo instance : this.inbox.otherInstances()) {
				shares
					.add(this.forwarding.ask(instance, "/api/v1/inbox/person-matches", lookups, new TypeReference<>() {
					}));
			}
		}
		List<List<InboxQueries.Match>> merged = InboxQueries.merged(shares, lookups.size());
		Map<InboxQueries.Lookup, List<InboxQueries.Match>> matches = new HashMap<>();
		for (int i = 0; i < lookups.size(); i++) {
			matches.put(lookups.get(i), merged.get(i));
		}
		List<InboxEntryView> views = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			List<InboxQueries.Lookup> ofEntry = lookupsOfEntries.get(i);
			views.add(InboxEntryView.of(entries.get(i),
					InboxQueries.linksOf(ofEntry, ofEntry.stream().map(matches::get).toList())));
		}
		return views;
	}

	/**
	 * The entry of {@code alertId}; 404 if the inbox never held it, 410 if it erased it
	 * when its agreement's retention (or the alert's expiry) ended.
	 */
	private InboxEntry entry(UUID alertId) {
		return this.inbox.find(alertId).orElseThrow(() -> {
			Instant erasedAt = this.inbox.head(alertId).map(InboxHead::getErasedAt).orElse(null);
			if (erasedAt != null) {
				return Problems.erased("This node erased alert " + alertId + " at " + erasedAt
						+ ", when the retention its agreement allows ended", erasedAt);
			}
			return Problems.unknownAlert("No alert " + alertId + " in this node's inbox");
		});
	}

}
