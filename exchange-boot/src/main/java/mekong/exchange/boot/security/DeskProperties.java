package mekong.exchange.boot.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The desk API's settings.
 *
 * @param maxRequestBody the largest request body the desk API reads; larger ones are
 * refused with 413 before they are read. An alert's Avro record is smaller than its JSON,
 * so this limit also keeps every alert under Kafka's default 1 MB record size.
 * @param clients the identity provider's clients whose bearer tokens the desk API takes
 * (their {@code client_id}, or {@code azp}, claim), e.g. each desk's own system; empty:
 * any client the provider issues a token for this node's audience
 * @param otherSide where the node runs its two sides in two processes, the desk API of
 * the other side (e.g. {@code https://vn05-producer:8080} for the consumer side): the
 * calls it answers are passed on to it, so that desks and the console use either side's
 * address for everything; none where one process runs both
 * @param eventStreamHeartbeat how long an inbox event stream may go without a write
 * before it gets a comment: the node learns that a desk went away (a console page closed)
 * only when a write fails, and until then the stream counts against the desk's limit.
 * Below a proxy's idle timeout, so that the proxy does not cut streams that wait for
 * alerts.
 */
@ConfigurationProperties("mekong.desk")
@Validated
public record DeskProperties(@NotNull @DefaultValue("256KB") DataSize maxRequestBody,
		@NotNull @DefaultValue List<@NotBlank String> clients, URI otherSide,
		@NotNull @DefaultValue("15s") Duration eventStreamHeartbeat) {

	private static final DataSize LARGEST_BODY_KAFKA_TAKES = DataSize.ofKilobytes(768);

	@AssertTrue(
			message = "mekong.desk.max-request-body must be at most 768KB, or alerts may exceed Kafka's record size")
	boolean isWithinKafkaRecordSize() {
		return this.maxRequestBody == null || this.maxRequestBody.compareTo(LARGEST_BODY_KAFKA_TAKES) <= 0;
	}

	@AssertTrue(message = "mekong.desk.event-stream-heartbeat must be longer than zero")
	boolean isEventStreamHeartbeatPositive() {
		return this.eventStreamHeartbeat == null
				|| !(this.eventStreamHeartbeat.isNegative() || this.eventStreamHeartbeat.isZero());
	}

}
