package mekong.exchange.consumer.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import mekong.exchange.avro.Category;
import mekong.exchange.avro.Priority;
import mekong.exchange.boot.web.Desk;
import mekong.exchange.core.json.AvroJson;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The node's inbox for its desks: what partners sent, and the desks' answers. */
@RestController
@RequestMapping("/api/v1/inbox")
@Validated
class InboxController {

	private final InboxQueries inbox;

	private final DeskAnswers answers;

	InboxController(InboxQueries inbox, DeskAnswers answers) {
		this.inbox = inbox;
		this.answers = answers;
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
			@RequestParam(required = false) @Pattern(regexp = "[0-9]{1,19}~[0-9a-fA-F-]{36}") String after,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		if (name != null) {
			return ResponseEntity.ok(this.inbox.named(name, limit)
				.stream()
				.filter((entry) -> (category == null || entry.alert().getCategory() == category)
						&& (priority == null || entry.alert().getPriority() == priority)
						&& (since == null || !entry.receivedAt().isBefore(since))
						&& (state == InboxIndex.State.ALL
								|| entry.cancelled() == (state == InboxIndex.State.CANCELLED)))
				.map(this::view)
				.toList());
		}
		InboxQueries.Page page = this.inbox.page(new InboxIndex.Filter(state, category, priority), since,
				(after != null) ? InboxIndex.Cursor.parse(after) : null, limit);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (page.next() != null) {
			String next = ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("after", page.next().toString())
				.build()
				.toUriString();
			response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
		}
		return response.body(page.entries().stream().map(this::view).toList());
	}

	@GetMapping("/{alertId}")
	InboxEntryView one(@PathVariable UUID alertId) {
		return view(entry(alertId));
	}

	@PostMapping("/{alertId}/acks")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> acknowledge(@PathVariable UUID alertId, @Valid @RequestBody DeskAckRequest request,
			@AuthenticationPrincipal Desk desk) {
		InboxEntry entry = entry(alertId);
		if (request.revision() != null && request.revision() != entry.alert().getRevision()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					"Revision " + request.revision() + " is not the current one: revision "
							+ entry.alert().getRevision() + " is in the inbox; read it before answering");
			problem.setTitle("Newer revision in the inbox");
			problem.setProperty("currentRevision", entry.alert().getRevision());
			throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
		}
		return AvroJson.toMap(this.answers.answer(entry.alert(), request, desk));
	}

	private InboxEntryView view(InboxEntry entry) {
		return InboxEntryView.of(entry, this.inbox.linksOf(entry));
	}

	/**
	 * The inbox's state stores are not open yet (the node is starting, or restoring them
	 * from their changelogs): the desk tries again in a moment.
	 */
	private InboxEntry entry(UUID alertId) {
		return this.inbox.find(alertId).orElseThrow(() -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"No alert " + alertId + " in this node's inbox");
			problem.setTitle("Unknown alert");
			return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
		});
	}

}
