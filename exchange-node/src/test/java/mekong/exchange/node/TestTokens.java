package mekong.exchange.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Bearer tokens as the province's identity provider signs them, signed here with a key
 * whose public half the nodes of a test trust ({@link #nodeArguments()}): the desk API's
 * production path (Spring Security's resource server), without a provider process. Tests
 * that log in to the console run the real provider instead
 * ({@link TwoNodes#withIdentityProvider}).
 */
final class TestTokens {

	private static final KeyPair PROVIDER = rsaKeyPair();

	private static final Path PUBLIC_KEY = publicKeyFile();

	/** The JWT type of an access token (RFC 9068). */
	static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

	private TestTokens() {
	}

	/** The client the desks' systems of these tokens get them with. */
	static final String CLIENT = "desk-system";

	/** The Spring Boot arguments that make a node trust these tokens. */
	static List<String> nodeArguments() {
		return List.of("--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + PUBLIC_KEY,
				"--mekong.desk.clients=" + CLIENT);
	}

	/** A token of desk account {@code username} of {@link TwoNodes#ACCOUNTS}. */
	static String deskToken(String username) {
		for (String[] account : TwoNodes.ACCOUNTS) {
			if (account[0].equals(username)) {
				return token(username, account[2], account[3]);
			}
		}
		throw new IllegalArgumentException("No desk account " + username);
	}

	/**
	 * An access token of {@code subject}, acting for {@code desk} of {@code node} and
	 * meant for its desk API; a token that names no node is meant for both nodes' desk
	 * APIs.
	 */
	static String token(String subject, String node, String desk) {
		return token(subject, node, desk, Instant.now().plusSeconds(600));
	}

	/** The same, expiring at {@code expires}. */
	static String token(String subject, String node, String desk, Instant expires) {
		return token(PROVIDER, subject, node, desk, expires);
	}

	/** A token signed by {@code signer}, which the nodes may not trust. */
	static String token(KeyPair signer, String subject, String node, String desk, Instant expires) {
		return signed(signer, ACCESS_TOKEN, claims(subject, node, desk, expires).build());
	}

	/**
	 * The claims of an access token as {@link #token} makes it, for a test to change one.
	 */
	static JWTClaimsSet.Builder claims(String subject, String node, String desk, Instant expires) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.claim("preferred_username", subject)
			.claim("client_id", CLIENT)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(Instant.now()))
			.expirationTime(Date.from(expires));
		if (node != null) {
			claims.claim("mekong_node", node).claim("mekong_desk", desk).audience(audienceOf(node));
		}
		else {
			claims.audience(List.of(audienceOf(TwoNodes.SON_LA), audienceOf(TwoNodes.HOUAPHAN)));
		}
		return claims;
	}

	/** What a node's desk API expects in a token's {@code aud}. */
	static String audienceOf(String node) {
		return "mekong-desk-api-" + node;
	}

	/** {@code claims} signed with the key the nodes trust, with JWT type {@code type}. */
	static String signed(JOSEObjectType type, JWTClaimsSet claims) {
		return signed(PROVIDER, type, claims);
	}

	private static String signed(KeyPair signer, JOSEObjectType type, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).build(), claims);
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path publicKeyFile() {
		try {
			Path file = Files.createTempFile("mekong-test-token-key", ".pem");
			file.toFile().deleteOnExit();
			Files.writeString(file,
					"-----BEGIN PUBLIC KEY-----\n"
							+ Base64.getMimeEncoder().encodeToString(PROVIDER.getPublic().getEncoded())
							+ "\n-----END PUBLIC KEY-----\n");
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
