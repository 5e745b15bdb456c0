package mekong.exchange.infra;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS certificates of a local broker, made on first start and kept as PEM in a
 * folder: a certificate authority ({@value #AUTHORITY}), which clients trust, and the
 * broker's certificate for {@code localhost} signed by it ({@value #BROKER_CHAIN}, with
 * its private key in {@value #BROKER_KEY}, readable by its owner only). The broker's
 * certificate is made again, by the same authority, when it has less than 30 days left. A
 * province deploying the exchange uses its own authority instead (README).
 */
public final class LocalCertificates {

	/** The certificate authority, the one file clients need. */
	public static final String AUTHORITY = "ca.crt";

	static final String AUTHORITY_KEY = "ca.key";

	static final String BROKER_CHAIN = "broker.crt";

	static final String BROKER_KEY = "broker.key";

	private static final Logger log = LoggerFactory.getLogger(LocalCertificates.class);

	private static final Duration AUTHORITY_VALIDITY = Duration.ofDays(3650);

	private static final Duration BROKER_VALIDITY = Duration.ofDays(825);

	private static final Duration RENEW_BEFORE = Duration.ofDays(30);

	private static final String SIGNATURE = "SHA256withECDSA";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path folder;

	private LocalCertificates(Path folder) {
		this.folder = folder;
	}

	/**
	 * The certificates in {@code folder}; those missing, or a broker certificate about to
	 * expire, are made.
	 */
	public static LocalCertificates in(Path folder) {
		LocalCertificates certificates = new LocalCertificates(folder.toAbsolutePath());
		try {
			certificates.makeWhatIsMissing();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not make the TLS certificates in " + folder, ex);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Could not make the TLS certificates in " + folder, ex);
		}
		return certificates;
	}

	/** The PEM file of the certificate authority clients trust. */
	public Path authority() {
		return this.folder.resolve(AUTHORITY);
	}

	/**
	 * The PEM file of the certificate for {@code localhost} and {@code 127.0.0.1} the
	 * authority signed, followed by the authority's: the local broker's, and any other
	 * local server's.
	 */
	public Path localhostChain() {
		return this.folder.resolve(BROKER_CHAIN);
	}

	/** The PEM file of {@link #localhostChain()}'s private key. */
	public Path localhostKey() {
		return this.folder.resolve(BROKER_KEY);
	}

	/** The broker's certificate and the authority's, as PEM. */
	String brokerChain() {
		return read(BROKER_CHAIN);
	}

	/** The broker's private key, as unencrypted PKCS#8 PEM. */
	String brokerKey() {
		return read(BROKER_KEY);
	}

	/** The certificate authority, as PEM. */
	String authorityCertificate() {
		return read(AUTHORITY);
	}

	private void makeWhatIsMissing() throws IOException, GeneralSecurityException, OperatorCreationException {
		Files.createDirectories(this.folder);
		if (!Files.exists(this.folder.resolve(AUTHORITY)) || !Files.exists(this.folder.resolve(AUTHORITY_KEY))) {
			KeyPair authority = newKeyPair();
			X500Name name = new X500Name("CN=Mekong Exchange local certificate authority");
			X509Certificate certificate = sign(name, authority.getPublic(), name, authority, AUTHORITY_VALIDITY, true);
			write(AUTHORITY_KEY, pem(new JcaPKCS8Generator(authority.getPrivate(), null)), true);
			write(AUTHORITY, pem(certificate), false);
			Files.deleteIfExists(this.folder.resolve(BROKER_CHAIN));
			log.info("Made a certificate authority for the local broker's TLS in {}", this.folder);
		}
		if (!Files.exists(this.folder.resolve(BROKER_CHAIN)) || !Files.exists(this.folder.resolve(BROKER_KEY))
				|| expiresSoon(BROKER_CHAIN)) {
			X509Certificate authority = certificate(AUTHORITY);
			KeyPair authorityKeys = new KeyPair(authority.getPublicKey(), privateKey(AUTHORITY_KEY));
			KeyPair broker = newKeyPair();
			X509Certificate certificate = sign(new X500Name("CN=localhost"), broker.getPublic(),
					X500Name.getInstance(authority.getSubjectX500Principal().getEncoded()), authorityKeys,
					BROKER_VALIDITY, false);
			write(BROKER_KEY, pem(new JcaPKCS8Generator(broker.getPrivate(), null)), true);
			write(BROKER_CHAIN, pem(certificate) + pem(authority), false);
			log.info("Made the local broker's TLS certificate for localhost, valid until {}",
					certificate.getNotAfter());
		}
	}

	private static KeyPair newKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
		return generator.generateKeyPair();
	}

	private static X509Certificate sign(X500Name subject, java.security.PublicKey subjectKey, X500Name issuer,
			KeyPair issuerKeys, Duration validity, boolean authority)
			throws GeneralSecurityException, OperatorCreationException, IOException {
		Instant now = Instant.now();
		JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM),
				Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, subjectKey);
		builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
		builder.addExtension(Extension.authorityKeyIdentifier, false,
				extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
		if (authority) {
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		}
		else {
			builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
			builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
					new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(List
						.of(new GeneralName(GeneralName.dNSName, "localhost"),
								new GeneralName(GeneralName.iPAddress, "127.0.0.1"))
						.toArray(GeneralName[]::new)));
		}
		X509CertificateHolder holder = builder
			.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate()));
		return new JcaX509CertificateConverter().getCertificate(holder);
	}

	private boolean expiresSoon(String file) throws GeneralSecurityException, IOException {
		return certificate(file).getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE));
	}

	private X509Certificate certificate(String file) throws GeneralSecurityException, IOException {
		try (PEMParser parser = new PEMParser(new StringReader(read(file)))) {
			return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
		}
	}

	private PrivateKey privateKey(String file) throws IOException {
		try (PEMParser parser = new PEMParser(new StringReader(read(file)))) {
			Object parsed = parser.readObject();
			JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
			return (parsed instanceof PEMKeyPair pair) ? converter.getKeyPair(pair).getPrivate()
					: converter.getPrivateKey((PrivateKeyInfo) parsed);
		}
	}

	private static String pem(Object object) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		}
		return text.toString();
	}

	private void write(String file, String content, boolean secret) throws IOException {
		Path path = this.folder.resolve(file);
		Files.deleteIfExists(path);
		if (secret) {
			Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(path, content);
	}

	private String read(String file) {
		try {
			return Files.readString(this.folder.resolve(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + this.folder.resolve(file), ex);
		}
	}

}
