package mekong.exchange.boot.limits;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What one desk or one partner can make a node keep about one alert. Each bounds a record
 * of the node, so that no store value and no record grows with what a person types. A
 * desk that reaches the limit of answers or of revisions gets a problem detail naming it;
 * a record beyond a limit (from a partner, or written into the outbox by another system)
 * goes to the dead-letter topic with the limit as its reason.
 *
 * @param answersPerAlertAndDesk answers one desk may give to one alert in the inbox
 * @param revisionsPerAlert revisions an alert may have, its first included
 * @param acknowledgementsPerAlert decisions and acknowledgements the origin keeps in one
 * alert's history
 * @param alertSize the largest alert record (Avro) a node takes from its outbox or a
 * partner; below Kafka's 1 MB record size with room for the record's headers
 * @param eventStreamsPerDesk inbox event streams one desk may hold open at one instance
 * (a console tab each); one more is refused with 429
 * @param eventStreamsPerInstance inbox event streams one instance holds open for all
 * desks, those it follows for other instances included; one more is refused with 429
 */
@ConfigurationProperties("mekong.limits")
@Validated
public record LimitProperties(@DefaultValue("1000") @Min(1) int answersPerAlertAndDesk,
		@DefaultValue("100") @Min(1) @Max(10_000) int revisionsPerAlert,
		@DefaultValue("10000") @Min(1) int acknowledgementsPerAlert, @DefaultValue("768KB") @NotNull DataSize alertSize,
		@DefaultValue("5") @Min(1) int eventStreamsPerDesk, @DefaultValue("200") @Min(1) int eventStreamsPerInstance) {

	/**
	 * The largest record any node writes: Kafka's default, less room for key and headers.
	 */
	public static final int RECORD_SIZE = 1_000_000;

	/** The longest note (or officer's name) of an answer a node keeps. */
	public static final int NOTE_LENGTH = 2000;

	@AssertTrue(message = "mekong.limits.alert-size must be at most 768KB, or alerts may exceed Kafka's record size")
	boolean isAlertWithinRecordSize() {
		return this.alertSize == null || this.alertSize.toBytes() <= DataSize.ofKilobytes(768).toBytes();
	}

}
