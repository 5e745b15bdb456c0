package mekong.exchange.producer.desk;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import mekong.exchange.avro.Category;
import mekong.exchange.avro.Priority;
import mekong.exchange.avro.SourceReliability;
import mekong.exchange.avro.Tlp;

/**
 * An alert as a desk files it (JSON). The node fills in the rest: alert id, revision,
 * origin node and desk, and the time it was sent. Field names follow the Avro contract.
 *
 * @param addressees ISO 3166-2 codes of the partner nodes; empty means every partner the
 * agreements allow
 */
record NewAlert(@NotBlank @Size(max = 120) String officer, @NotNull @KnownValue Priority priority,
		@NotNull @KnownValue Category category, @NotNull @Valid HandlingCode handling,
		@Size(max = 50) List<@NotNull @Pattern(regexp = NODE_CODE,
				message = "must be an ISO 3166-2 code such as LA-HO") String> addressees,
		@Future Instant expiresAt,
		@NotBlank @Size(max = 35) @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*",
				message = "must be a BCP 47 tag such as vi, lo, km or en") String language,
		@NotBlank @Size(max = 4000) String summary, @NotNull @Valid Payload payload) {

	static final String NODE_CODE = "[A-Z]{2}(-[A-Z0-9]{1,3})?";

	NewAlert {
		addressees = (addressees != null) ? addressees : List.of();
	}

	/**
	 * @param infoCredibility 1 (known to be true) to 4 (cannot be judged)
	 */
	record HandlingCode(@NotNull @KnownValue Tlp tlp, @NotNull @KnownValue SourceReliability sourceReliability,
			@NotNull @Min(1) @Max(4) Integer infoCredibility) {
	}

}
