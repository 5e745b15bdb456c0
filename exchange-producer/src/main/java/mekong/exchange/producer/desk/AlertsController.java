package mekong.exchange.producer.desk;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import mekong.exchange.boot.web.DeskUser;
import mekong.exchange.producer.tracking.SentAlerts;

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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The desk's alerts: file one, and follow what happened to it at each addressee. */
@RestController
@RequestMapping("/api/v1/alerts")
@Validated
class AlertsController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final DeskSubmissions submissions;

	private final SentAlerts sentAlerts;

	AlertsController(DeskSubmissions submissions, SentAlerts sentAlerts) {
		this.submissions = submissions;
		this.sentAlerts = sentAlerts;
	}

	@PostMapping
	ResponseEntity<Submitted> submit(@Valid @RequestBody NewAlert alert,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) String idempotencyKey,
			@AuthenticationPrincipal DeskUser desk) {
		SubmissionResult result = this.submissions.submit(alert, desk, idempotencyKey);
		if (result instanceof SubmissionResult.Accepted accepted) {
			return ResponseEntity.created(URI.create("/api/v1/alerts/" + accepted.alertId()))
				.header("Idempotent-Replayed", String.valueOf(accepted.replayed()))
				.body(new Submitted(accepted.alertId(), accepted.revision()));
		}
		if (result instanceof SubmissionResult.KeyReused reused) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
					"Idempotency-Key '" + reused.key() + "' was already used by this desk for another request (alert "
							+ reused.alertId() + "); use a new key for a new alert");
			problem.setTitle("Idempotency-Key reused");
			throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
		}
		throw new IllegalStateException("Unhandled submission result " + result);
	}

	@GetMapping("/{alertId}")
	SentAlertView sent(@PathVariable UUID alertId) {
		return this.sentAlerts.find(alertId).map(SentAlertView::of).orElseThrow(() -> notFound(alertId));
	}

	@GetMapping
	List<SentAlertView> newest(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return this.sentAlerts.newest(limit).stream().map(SentAlertView::of).toList();
	}

	private static ErrorResponseException notFound(UUID alertId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"This node has sent no alert " + alertId);
		problem.setTitle("Unknown alert");
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

	/** The answer to a filed alert; its Location is the sender view. */
	record Submitted(UUID alertId, int revision) {
	}

}
