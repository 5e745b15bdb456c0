package mekong.exchange.core.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate generated classes it has not been told to trust, even
 * when a builder fills a default value. Whoever uses the generated classes (the contract,
 * and the nodes' state records in its {@code state} package) calls {@link #trust()} once
 * before.
 */
public final class ContractClasses {

	/** The package of the classes generated from the .avsc files. */
	public static final String PACKAGE = "mekong.exchange.avro";

	private static boolean trusted;

	private ContractClasses() {
	}

	public static synchronized void trust() {
		if (!trusted) {
			ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
					(type) -> PACKAGE.equals(type.getPackageName())
							|| type.getPackageName().startsWith(PACKAGE + ".")));
			trusted = true;
		}
	}

}
