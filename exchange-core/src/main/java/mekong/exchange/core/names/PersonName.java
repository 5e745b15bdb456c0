package mekong.exchange.core.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one report names a person: the name as written, the name in native script, aliases,
 * and the year of birth if known or derived from the age at the report.
 */
public record PersonName(String fullName, String nativeName, List<String> aliases, Integer birthYear) {

	public PersonName {
		Objects.requireNonNull(fullName, "fullName");
		aliases = (aliases != null) ? List.copyOf(aliases) : List.of();
	}

	/** Every way this report writes the name. */
	List<String> variants() {
		List<String> variants = new ArrayList<>();
		variants.add(this.fullName);
		if (this.nativeName != null && !this.nativeName.isBlank()) {
			variants.add(this.nativeName);
		}
		this.aliases.stream().filter((alias) -> !alias.isBlank()).forEach(variants::add);
		return variants;
	}

}
