package mekong.exchange.producer.desk;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import mekong.exchange.avro.AccessKind;
import mekong.exchange.boot.forwarding.HeldBy;
import mekong.exchange.boot.forwarding.InstanceForwarding;
import mekong.exchange.boot.limits.LimitReachedException;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.problems.Problems;
import mekong.exchange.boot.reads.ReadLog;
import mekong.exchange.boot.security.Desk;
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.core.node.NodeDirectory;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.producer.tracking.SentAlert;
import mekong.exchange.producer.tracking.SentAlerts;
import mekong.exchange.producer.tracking.SentHeads;
import org.apache.kafka.streams.state.HostInfo;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The desk's alerts: file one, revise or cancel it, follow what happened to it at each
 * addressee, and read its audit trail.
 */
@RestController
@RequestMapping("/api/v1/alerts")
@Validated
class AlertsController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/**
	 * How many random ids an instance draws for a new alert without an
	 * {@value #IDEMPOTENCY_KEY} to find one it holds itself (an instance that holds no
	 * share then passes the call on to the holder of the last one drawn, which draws its
	 * own).
	 */
	static final int DRAWS_FOR_AN_ID_HELD_HERE = 64;

	/**
	 * The order of the list of sent alerts: newest revision first, then by id as the
	 * index orders them.
	 */
	private static final Comparator<SentAlertView> NEWEST_SENT_FIRST = Comparator.comparing(SentAlertView::lastSentAt)
		.reversed()
		.thenComparing(SentAlertView::alertId, AlertIds::compare);

	private final DeskSubmissions submissions;

	private final SentAlerts sentAlerts;

	private final NodeId node;

	private final InstanceForwarding forwarding;

	private final JsonMapper json;

	private final BorderLinks border;

	private final ReadLog reads;

	AlertsController(DeskSubmissions submissions, SentAlerts sentAlerts, NodeProperties node,
			InstanceForwarding forwarding, JsonMapper json, BorderLinks border, ReadLog reads) {
		this.submissions = submissions;
		this.sentAlerts = sentAlerts;
		this.node = node.id();
		this.forwarding = forwarding;
		this.json = json;
		this.border = border;
		this.reads = reads;
	}

	/**
	 * Files a new alert at the instance of the node that holds its id, so that the desk
	 * reads it back at once from any instance.
	 */
	@PostMapping
	ResponseEntity<?> submit(@Valid @RequestBody NewAlert alert,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) String idempotencyKey,
			HttpServletRequest call, @AuthenticationPrincipal Desk desk) {
		checkAddressees(alert, "addressees");
		UUID alertId = (idempotencyKey != null) ? this.submissions.alertIdFor(desk, idempotencyKey)
				: newAlertIdHeldHere(desk);
		Optional<HostInfo> holder = InstanceForwarding.answersHereOnly(call) ? Optional.empty()
				: this.sentAlerts.holderElsewhere(alertId);
		if (holder.isPresent()) {
			return this.forwarding.passOn(holder.get(), call, this.json.writeValueAsBytes(alert));
		}
		return answer(this.submissions.submit(alertId, alert, desk, idempotencyKey));
	}

	/**
	 * A new random alert id that this instance holds, so that the alert is filed here and
	 * needs no id chosen at one instance and taken on trust at another.
	 */
	private UUID newAlertIdHeldHere(Desk desk) {
		UUID alertId = this.submissions.alertIdFor(desk, null);
		for (int draw = 1; draw < DRAWS_FOR_AN_ID_HELD_HERE
				&& this.sentAlerts.holderElsewhere(alertId).isPresent(); draw++) {
			alertId = this.submissions.alertIdFor(desk, null);
		}
		return alertId;
	}

	@PostMapping("/{alertId}/revisions")
	@HeldBy(SentAlerts.class)
	ResponseEntity<?> revise(@PathVariable UUID alertId, @Valid @RequestBody NewRevision revision,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) String idempotencyKey,
			@AuthenticationPrincipal Desk desk) {
		if (revision.alert() != null) {
			checkAddressees(revision.alert(), "alert.addressees");
		}
		return answer(this.submissions.revise(alertId, revision, desk, idempotencyKey));
	}

	@GetMapping("/{alertId}")
	@HeldBy(SentAlerts.class)
	ResponseEntity<?> sent(@PathVariable UUID alertId, @AuthenticationPrincipal Desk desk) {
		Optional<SentAlert> sent = this.sentAlerts.find(alertId);
		if (sent.isEmpty()) {
			throw unknownOrErased(alertId);
		}
		SentAlertView view = SentAlertView.of(sent.get(), this.border);
		this.reads.read(desk, AccessKind.SENT_ALERT, List.of(alertId.toString()));
		return ResponseEntity.ok(view);
	}

	/** Who did what with the alert, where and when, oldest first. */
	@GetMapping("/{alertId}/audit")
	@HeldBy(SentAlerts.class)
	ResponseEntity<?> audit(@PathVariable UUID alertId, @AuthenticationPrincipal Desk desk) {
		Optional<SentAlert> sent = this.sentAlerts.trail(alertId);
		List<AuditEntryView> trail = sent.isPresent() ? AuditEntryView.trailOf(sent.get(), this.node)
				: this.sentAlerts.head(alertId)
					.map((head) -> AuditEntryView.erased(head, this.node))
					.orElseThrow(() -> unknown(alertId));
		this.reads.read(desk, AccessKind.AUDIT_TRAIL, List.of(alertId.toString()));
		return ResponseEntity.ok(trail);
	}

	/**
	 * The node's alerts, the newest revision sent first, gathered from every instance.
	 * Each instance puts on record the alerts it gave out of its own share.
	 */
	@GetMapping
	List<SentAlertView> newest(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit, HttpServletRequest call,
			@AuthenticationPrincipal Desk desk) {
		List<SentAlertView> views = listed(this.sentAlerts.newest(limit));
		this.reads.read(desk, AccessKind.SENT_LIST, idsOf(views));
		return gathered(views, call, null, limit);
	}

	/**
	 * The node's alerts whose newest revision names a person possibly the same as
	 * {@code person}, whatever the script, diacritics or word order, the newest revision
	 * sent first, gathered from every instance. The person travels in the body, not in an
	 * address that proxies and logs keep. Each instance puts on record the names searched
	 * and the alerts it gave out of its own share.
	 */
	@PostMapping("/search")
	List<SentAlertView> naming(@Valid @RequestBody PersonSearch person,
			@RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit, HttpServletRequest call,
			@AuthenticationPrincipal Desk desk) {
		List<SentAlertView> views = listed(this.sentAlerts.naming(person.name(), limit));
		this.reads.searched(desk, AccessKind.SENT_SEARCH, person.onRecord(), idsOf(views));
		return gathered(views, call, this.json.writeValueAsBytes(person), limit);
	}

	private List<SentAlertView> listed(List<SentAlert> sent) {
		return sent.stream().map((alert) -> SentAlertView.listed(alert, this.border)).toList();
	}

	private static List<String> idsOf(List<SentAlertView> views) {
		return views.stream().map((view) -> view.alertId().toString()).toList();
	}

	/**
	 * This instance's {@code views} and, unless the call asks this instance only, the
	 * other instances' answers to the same call, with {@code body} (null for none).
	 */
	private List<SentAlertView> gathered(List<SentAlertView> views, HttpServletRequest call, byte[] body, int limit) {
		if (InstanceForwarding.answersHereOnly(call)) {
			return views;
		}
		return this.forwarding
			.gather(views, false, this.sentAlerts.otherInstances(), call, body, new TypeReference<>() {
			}, NEWEST_SENT_FIRST, limit)
			.entries();
	}

	private ResponseEntity<Submitted> answer(SubmissionResult result) {
		if (result instanceof SubmissionResult.Accepted accepted) {
			return ResponseEntity.created(URI.create("/api/v1/alerts/" + accepted.alertId()))
				.header("Idempotent-Replayed", String.valueOf(accepted.replayed()))
				.body(new Submitted(accepted.alertId(), accepted.revision()));
		}
		if (result instanceof SubmissionResult.KeyReused reused) {
			throw Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
					"Idempotency-Key '" + reused.key() + "' was already used by this desk for another request (alert "
							+ reused.alertId() + "); use a new key for a new request");
		}
		if (result instanceof SubmissionResult.UnknownAlert unknown) {
			throw unknown(unknown.alertId());
		}
		if (result instanceof SubmissionResult.NotTheFilingDesk notFiling) {
			throw Problems.problem(HttpStatus.FORBIDDEN, "Not the filing desk", "Alert " + notFiling.alertId()
					+ " was filed by desk " + notFiling.filingDesk() + ": only that desk revises or cancels it");
		}
		if (result instanceof SubmissionResult.AlreadyCancelled cancelled) {
			throw Problems.problem(HttpStatus.CONFLICT, "Alert cancelled", "Alert " + cancelled.alertId()
					+ " was cancelled in revision " + cancelled.revision() + "; file a new alert instead");
		}
		if (result instanceof SubmissionResult.Erased erased) {
			throw erased(erased.alertId(), erased.erasedAt());
		}
		if (result instanceof SubmissionResult.TooManyRevisions tooMany) {
			throw new LimitReachedException("revisions-per-alert", tooMany.most(), "Alert " + tooMany.alertId()
					+ " has " + tooMany.most() + " revisions, the most one alert may have; file a new alert instead");
		}
		throw new IllegalStateException("Unhandled submission result " + result);
	}

	/** Addressees must be nodes the exchange knows, and not this node itself. */
	private void checkAddressees(NewAlert alert, String field) {
		List<Map<String, Object>> errors = new ArrayList<>();
		for (int i = 0; i < alert.addressees().size(); i++) {
			String code = alert.addressees().get(i);
			if (!NodeId.isValid(code)) {
				continue;
			}
			if (!NodeDirectory.isKnown(NodeId.of(code))) {
				errors.add(Map.of("field", field + "[" + i + "]", "message", code + " is not a known node"));
			}
			else if (this.node.code().equals(code)) {
				errors.add(
						Map.of("field", field + "[" + i + "]", "message", "an alert is not addressed to its own node"));
			}
		}
		if (!errors.isEmpty()) {
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.invalid("field", errors), null);
		}
	}

	/** An alert this node never sent, or one it erased (410, with when). */
	private ErrorResponseException unknownOrErased(UUID alertId) {
		return this.sentAlerts.head(alertId)
			.filter(SentHeads::erased)
			.map((head) -> erased(alertId, head.getErasedAt()))
			.orElseGet(() -> unknown(alertId));
	}

	private ErrorResponseException erased(UUID alertId, Instant erasedAt) {
		return Problems.erased("Node " + this.node + " erased alert " + alertId + " at " + erasedAt
				+ ", when its retention (mekong.sent.retention) ended", erasedAt);
	}

	private ErrorResponseException unknown(UUID alertId) {
		return Problems.unknownAlert("Node " + this.node + " has sent no alert " + alertId);
	}

	/** The answer to a filed alert or revision; its Location is the sender view. */
	record Submitted(UUID alertId, int revision) {
	}

}
