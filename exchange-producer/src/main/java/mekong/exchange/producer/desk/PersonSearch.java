package mekong.exchange.producer.desk;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import mekong.exchange.core.names.PersonName;

/**
 * A person a desk looks for among the node's own alerts, as an inbox entry shows the
 * persons it names: the name, the name in native script, aliases, the year of birth if
 * known.
 */
record PersonSearch(@NotBlank @Size(max = 200) String fullName, @Size(max = 200) String nativeName,
		@Size(max = 20) List<@NotBlank @Size(max = 200) String> aliases, Integer birthYear) {

	PersonName name() {
		return new PersonName(this.fullName, this.nativeName, this.aliases, this.birthYear);
	}

	/** The names searched, as the record of the search holds them. */
	String onRecord() {
		List<String> names = new ArrayList<>(name().aliases());
		if (this.nativeName != null) {
			names.add(0, this.nativeName);
		}
		names.add(0, this.fullName);
		return String.join("; ", names);
	}

}
