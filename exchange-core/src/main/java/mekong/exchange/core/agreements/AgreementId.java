package mekong.exchange.core.agreements;

import java.util.Objects;

/** Name of a memorandum of understanding, e.g. {@code VN-05~LA-HO/2023}. */
public record AgreementId(String value) {

	public AgreementId {
		Objects.requireNonNull(value, "agreement id");
		if (value.isBlank()) {
			throw new IllegalArgumentException("an agreement id must not be blank");
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
