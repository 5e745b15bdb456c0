package mekong.exchange.core.agreements;

/** The crime areas a memorandum of understanding can cover. */
public enum CrimeCategory {

	DRUG_TRAFFICKING, HUMAN_TRAFFICKING, WANTED_FUGITIVE, WEAPONS, CYBERCRIME, ONLINE_FRAUD, ILLEGAL_IMMIGRATION,
	SMUGGLING, OTHER

}
