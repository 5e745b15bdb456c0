package mekong.exchange.producer.desk;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import mekong.exchange.avro.ItemKind;
import mekong.exchange.avro.QuantityUnit;
import mekong.exchange.avro.Sex;
import mekong.exchange.avro.TravelMode;

/**
 * The substance of an alert as a desk files it; {@code "type"} says which: SuspectAlert,
 * RouteAlert or SeizureReport, as the record names of the Avro contract.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Payload.Suspects.class, name = "SuspectAlert"),
		@JsonSubTypes.Type(value = Payload.Route.class, name = "RouteAlert"),
		@JsonSubTypes.Type(value = Payload.Seizure.class, name = "SeizureReport") })
sealed interface Payload permits Payload.Suspects, Payload.Route, Payload.Seizure {

	String ISO_COUNTRY = "[A-Z]{2}";

	String ISO_SUBDIVISION = "[A-Z]{2}-[A-Z0-9]{1,3}";

	record Suspects(@NotEmpty @Size(max = 50) List<@NotNull @Valid Person> persons,
			@Size(max = 50) List<@NotNull @Valid Vehicle> vehicles, @Valid Location lastSeen) implements Payload {
	}

	record Route(@NotEmpty @Size(max = 100) List<@NotNull @Valid Waypoint> waypoints, @Size(max = 200) String road,
			@KnownValue TravelMode mode, Instant expectedFrom, Instant expectedTo, @Size(max = 2000) String goods,
			@Size(max = 50) List<@NotBlank @Size(max = 200) String> linkedPersons) implements Payload {

		@AssertTrue(message = "expectedTo must not be before expectedFrom")
		boolean isTimeWindowInOrder() {
			return this.expectedFrom == null || this.expectedTo == null || !this.expectedTo.isBefore(this.expectedFrom);
		}

	}

	record Seizure(@NotNull @Valid Location location, @NotNull @PastOrPresent Instant seizedAt,
			@NotEmpty @Size(max = 100) List<@NotNull @Valid SeizedItem> items,
			@Size(max = 100) List<@NotNull @Valid Person> personsArrested) implements Payload {
	}

	record Person(@NotBlank @Size(max = 200) String fullName, @Size(max = 200) String nativeName,
			@Size(max = 20) List<@NotBlank @Size(max = 200) String> aliases, Sex sex,
			@PastOrPresent LocalDate birthDate, @Min(1900) @Max(2100) Integer birthYear,
			@Min(0) @Max(130) Integer ageAtReport,
			@Pattern(regexp = ISO_COUNTRY,
					message = "must be an ISO 3166-1 alpha-2 code such as LA") String nationality,
			@Size(max = 10) List<@NotNull @Valid IdentityDocument> identityDocuments, @Valid Address home,
			@Size(max = 20) List<@NotNull @Valid Relationship> relationships, Boolean armedAndDangerous,
			@Size(max = 2000) String description) {
	}

	record IdentityDocument(@NotBlank @Size(max = 60) String kind, @NotBlank @Size(max = 60) String number,
			@Pattern(regexp = ISO_COUNTRY, message = "must be an ISO 3166-1 alpha-2 code") String issuingCountry) {
	}

	record Address(@Size(max = 200) String village, @Size(max = 200) String district, @Size(max = 200) String province,
			@Pattern(regexp = ISO_SUBDIVISION, message = "must be an ISO 3166-2 code such as LA-HO") String adminArea) {
	}

	record Relationship(@NotBlank @Size(max = 60) String kind, @NotBlank @Size(max = 200) String otherPerson) {
	}

	record Vehicle(@NotBlank @Size(max = 60) String kind, @Size(max = 30) String registration,
			@Size(max = 500) String description) {
	}

	record Location(@NotBlank @Size(max = 300) String place,
			@Pattern(regexp = ISO_SUBDIVISION, message = "must be an ISO 3166-2 code such as LA-HO") String adminArea,
			@DecimalMin("-90") @DecimalMax("90") Double latitude,
			@DecimalMin("-180") @DecimalMax("180") Double longitude, Instant at) {
	}

	record Waypoint(@NotBlank @Size(max = 300) String place,
			@Pattern(regexp = ISO_SUBDIVISION, message = "must be an ISO 3166-2 code such as LA-HO") String adminArea,
			@DecimalMin("-90") @DecimalMax("90") Double latitude,
			@DecimalMin("-180") @DecimalMax("180") Double longitude, @Size(max = 200) String borderCrossing) {
	}

	record SeizedItem(@NotNull @KnownValue ItemKind kind,
			@NotNull @Positive @Digits(integer = 15, fraction = 3) BigDecimal quantity,
			@NotNull @KnownValue QuantityUnit unit,
			@Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as LAK") String currency,
			@Size(max = 500) String description) {

		@AssertTrue(message = "cash needs a currency (ISO 4217, e.g. LAK) and the unit CURRENCY")
		boolean isCashInACurrency() {
			return (this.kind != ItemKind.CASH) || (this.currency != null && this.unit == QuantityUnit.CURRENCY);
		}

	}

}
