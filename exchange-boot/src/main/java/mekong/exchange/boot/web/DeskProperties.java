package mekong.exchange.boot.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import mekong.exchange.core.node.NodeId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The desk API's settings.
 *
 * @param accounts the hotline desks that may log in with HTTP Basic in the local profile.
 * Passwords are given encoded ({@code {bcrypt}…}, or {@code {noop}…} for the local stack
 * only), from the environment, never from the repository
 * @param maxRequestBody the largest request body the desk API reads; larger ones are
 * refused with 413 before they are read. An alert's Avro record is smaller than its JSON,
 * so this limit also keeps every alert under Kafka's default 1 MB record size.
 */
@ConfigurationProperties("mekong.desk")
@Validated
record DeskProperties(@DefaultValue List<@Valid Account> accounts,
		@NotNull @DefaultValue("256KB") DataSize maxRequestBody) {

	private static final DataSize LARGEST_BODY_KAFKA_TAKES = DataSize.ofKilobytes(768);

	@AssertTrue(
			message = "mekong.desk.max-request-body must be at most 768KB, or alerts may exceed Kafka's record size")
	boolean isWithinKafkaRecordSize() {
		return this.maxRequestBody == null || this.maxRequestBody.compareTo(LARGEST_BODY_KAFKA_TAKES) <= 0;
	}

	/**
	 * @param username the login
	 * @param password the encoded password
	 * @param node the node this desk acts for
	 * @param desk the desk's id, written as the origin desk of what it sends
	 */
	record Account(@NotBlank String username, @NotBlank String password, @NotNull NodeId node, @NotBlank String desk) {

		@Override
		public String toString() {
			return "Account[username=" + this.username + ", password=******, node=" + this.node + ", desk=" + this.desk
					+ "]";
		}

	}

}
