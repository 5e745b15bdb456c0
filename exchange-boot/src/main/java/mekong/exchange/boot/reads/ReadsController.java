package mekong.exchange.boot.reads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import mekong.exchange.avro.AccessEvent;
import mekong.exchange.avro.AccessKind;
import mekong.exchange.boot.limits.LimitReachedException;
import mekong.exchange.boot.problems.Problems;
import mekong.exchange.boot.security.Desk;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For a supervisor of the node's desks: the reads on record of one login, or of one
 * alert, within a span of at most {@link #LONGEST_SPAN}, newest first. Listing them is a
 * read of personal data too, and is put on record as well.
 */
@RestController
@RequestMapping("/api/v1/reads")
@Validated
class ReadsController {

	static final Duration LONGEST_SPAN = Duration.ofDays(1);

	static final int QUERIES_AT_ONCE = 2;

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private final AccessTopicReader topic;

	private final ReadLog reads;

	private final Clock clock;

	private final Semaphore running = new Semaphore(QUERIES_AT_ONCE);

	ReadsController(AccessTopicReader topic, ReadLog reads, Clock clock) {
		this.topic = topic;
		this.reads = reads;
		this.clock = clock;
	}

	/**
	 * The reads of {@code user}, or of {@code alertId}, written between {@code from} (by
	 * default a day before {@code to}) and {@code to} (by default now).
	 */
	@GetMapping
	List<ReadView> list(@RequestParam(required = false) @Size(min = 1, max = 200) String user,
			@RequestParam(required = false) UUID alertId, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to,
			@RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit, @AuthenticationPrincipal Desk desk) {
		if (!desk.supervisor()) {
			throw Problems.problem(HttpStatus.FORBIDDEN, "Not a supervisor",
					"Only a supervisor of the node's desks lists the reads on record");
		}
		if ((user == null) == (alertId == null)) {
			throw Problems.problem(HttpStatus.BAD_REQUEST, "Whose reads",
					"Give either user (a login) or alertId (an alert), not both and not neither");
		}
		Instant until = (to != null) ? to : this.clock.instant();
		Instant since = (from != null) ? from : until.minus(LONGEST_SPAN);
		if (since.isAfter(until) || Duration.between(since, until).compareTo(LONGEST_SPAN) > 0) {
			throw Problems.problem(HttpStatus.BAD_REQUEST, "Span too long", "from must be before to, and at most "
					+ LONGEST_SPAN.toHours() + " hours before it; ask day by day");
		}
		Predicate<AccessEvent> wanted = (user != null) ? (event) -> event.getUser().equals(user)
				: (event) -> event.getAlertIds().contains(alertId.toString());
		if (!this.running.tryAcquire()) {
			throw new LimitReachedException(HttpStatus.TOO_MANY_REQUESTS, "reads-listings-at-once", QUERIES_AT_ONCE,
					"The node is already listing reads for " + QUERIES_AT_ONCE + " requests; try again shortly");
		}
		try {
			List<AccessEvent> found = this.topic.between(since, until, wanted, limit, PATIENCE);
			String whose = (user != null) ? "user=" + user : "alert=" + alertId;
			this.reads.listed(desk, whose + " from=" + since + " to=" + until,
					(alertId != null) ? List.of(alertId.toString()) : List.of());
			return found.stream().map(ReadView::of).toList();
		}
		finally {
			this.running.release();
		}
	}

	/** One read on record, as a supervisor sees it. */
	record ReadView(String user, String desk, String node, String instance, Instant at, AccessKind read,
			List<String> alertIds, String query) {

		static ReadView of(AccessEvent event) {
			return new ReadView(event.getUser(), event.getDesk(), event.getNode(), event.getInstance(), event.getAt(),
					event.getRead(), List.copyOf(event.getAlertIds()), event.getQuery());
		}

	}

}
