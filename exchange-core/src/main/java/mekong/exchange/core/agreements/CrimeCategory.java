package mekong.exchange.core.agreements;

/** The crime areas a memorandum of understanding can cover. */
public enum CrimeCategory {

	DRUG_TRAFFICKING, HUMAN_TRAFFICKING, WANTED_FUGITIVE, WEAPONS, CYBERCRIME, ONLINE_FRAUD, ILLEGAL_IMMIGRATION,
	SMUGGLING, OTHER;

	/** The category of this name, or null if this node does not know it. */
	public static CrimeCategory named(String name) {
		for (CrimeCategory category : values()) {
			if (category.name().equals(name)) {
				return category;
			}
		}
		return null;
	}

}
