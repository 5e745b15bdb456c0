package mekong.exchange.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * A properties file of generated secrets in a data folder, readable by its owner only:
 * each secret is made the first time it is asked for and read back ever after, so the
 * secrets of a local installation live with its data and never in the repository.
 */
public final class SecretsFile {

	private final Path file;

	private final String comment;

	private final Properties stored = new Properties();

	private SecretsFile(Path file, String comment) {
		this.file = file;
		this.comment = comment;
	}

	public static SecretsFile at(Path file, String comment) {
		SecretsFile secrets = new SecretsFile(file, comment);
		if (Files.exists(file)) {
			try (Reader in = Files.newBufferedReader(file)) {
				secrets.stored.load(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read the secrets in " + file, ex);
			}
		}
		return secrets;
	}

	/**
	 * The secret {@code name}, made by {@code make} and stored if it is not there yet.
	 */
	public synchronized String getOrMake(String name, Supplier<String> make) {
		String value = this.stored.getProperty(name);
		if (value == null) {
			value = make.get();
			this.stored.setProperty(name, value);
			save();
		}
		return value;
	}

	/** The secret {@code name}, or null if there is none yet. */
	public synchronized String find(String name) {
		return this.stored.getProperty(name);
	}

	/** Stores secrets made together, such as the parts of a key pair. */
	public synchronized void putAll(Map<String, String> secrets) {
		this.stored.putAll(secrets);
		save();
	}

	private void save() {
		try {
			Files.createDirectories(this.file.toAbsolutePath().getParent());
			Files.deleteIfExists(this.file);
			Files.createFile(this.file,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			try (Writer out = Files.newBufferedWriter(this.file)) {
				this.stored.store(out, this.comment);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the secrets in " + this.file, ex);
		}
	}

}
